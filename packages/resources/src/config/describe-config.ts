import { isLanguageModel } from "@weft/provider";
import { REDACTED_TEXT } from "../secrets/secret.js";
import { describeSecret, redactForDump } from "../secrets/secret-values.js";
import type { ResourceConfig } from "./config-types.js";

/**
 * The config as plain JSON-safe data for logs, run folders and `weft config`: models as `{ provider, model }`,
 * API keys as `[redacted]` (their environment variable named when known), header names without their values,
 * and options with every secret and every value under a credential-like key (`apiKey`, `token`, `secret`,
 * `password`, `authorization`, ...) or inside `headers` redacted. Never contains a secret.
 */
export function describeResourceConfig(config: ResourceConfig): Record<string, unknown> {
  const endpoints: Record<string, unknown> = {};
  for (const [id, endpoint] of Object.entries(config.endpoints)) {
    const { model, ...rest } = endpoint;
    endpoints[id] = {
      ...rest,
      model: isLanguageModel(model)
        ? { provider: model.provider, model: model.modelId, instance: true }
        : {
            provider: model.provider,
            model: model.model,
            ...(model.baseURL === undefined ? {} : { baseURL: model.baseURL }),
            ...(model.apiKey === undefined
              ? {}
              : { apiKey: typeof model.apiKey === "string" ? REDACTED_TEXT : describeSecret(model.apiKey) }),
            ...(model.headers === undefined ? {} : { headers: redactForDump(model.headers, true) }),
            ...(model.options === undefined ? {} : { options: redactForDump(model.options) }),
          },
    };
  }
  return JSON.parse(
    JSON.stringify({
      endpoints,
      aliases: config.aliases,
      pricing: config.pricing,
      cache: config.cache ?? null,
    }),
  ) as Record<string, unknown>;
}
