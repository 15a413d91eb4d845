import type { Provider } from "@weft/provider";
import { createOpenAICompatible } from "../openai-compatible-provider.js";
import type { OpenAICompatiblePresetSettings } from "./preset-settings.js";

/**
 * A Hugging Face Text Generation Inference server (its Messages API). TGI guides chat completions
 * through tools, so structured output uses a forced answer-tool call; usage is not requested in
 * streams. Default `baseURL`: `http://localhost:8080/v1`.
 *
 * @example
 * ```ts
 * const model = createTGI({ baseURL: "http://tgi:80/v1" }).languageModel("tgi");
 * ```
 */
export function createTGI(settings: OpenAICompatiblePresetSettings = {}): Provider {
  return createOpenAICompatible({
    ...settings,
    name: "tgi",
    baseURL: settings.baseURL ?? "http://localhost:8080/v1",
    capabilities: (modelId) => ({
      structuredOutput: "tool-call",
      streamingUsage: false,
      ...(typeof settings.capabilities === "function"
        ? settings.capabilities(modelId)
        : settings.capabilities),
    }),
  });
}
