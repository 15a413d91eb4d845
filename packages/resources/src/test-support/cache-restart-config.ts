// Test support: the config and request shared by the cache-restart test and the child process it runs.
import { createOpenAI } from "@weft/openai";
import type { GenerateRequest } from "@weft/provider";
import type { ResourceConfigInput } from "../config/config-types.js";
import { ProviderRegistry } from "../registry/provider-registry.js";

/** The request the child makes and the test repeats. */
export const CACHED_REQUEST: GenerateRequest = {
  messages: [{ role: "user", content: "Name a river that survives restarts." }],
  maxTokens: 20,
};

/** OpenAI models through the mock server. */
export const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL }) =>
  createOpenAI({ apiKey, baseURL }).languageModel(model),
);

/** One alias on the mock server at `baseURL`, with the on-disk cache in `directory`. */
export function cacheRestartConfig(baseURL: string, directory: string): ResourceConfigInput {
  return {
    aliases: {
      a: {
        model: { provider: "openai", model: "gpt-4o-mini", baseURL, apiKey: "test-key" },
        retry: { maxAttempts: 1 },
      },
    },
    cache: { directory },
  };
}
