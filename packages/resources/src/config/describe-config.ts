import { isLanguageModel } from "@weft/provider";
import { REDACTED_TEXT } from "../secrets/secret.js";
import type { ResourceConfig } from "./config-types.js";

/**
 * The config as plain JSON-safe data for logs, run folders and `weft config`: models as `{ provider, model }`,
 * API keys as `[redacted]` (their environment variable named when known). Never contains a secret.
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
              : {
                  apiKey:
                    typeof model.apiKey !== "string" && model.apiKey.source !== undefined
                      ? `\${${model.apiKey.source}} ${REDACTED_TEXT}`
                      : REDACTED_TEXT,
                }),
            ...(model.options === undefined ? {} : { options: model.options }),
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
