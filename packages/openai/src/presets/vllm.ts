import type { Provider } from "@weft/provider";
import type { RequestBodyTransform } from "../chat/chat-model-config.js";
import { createOpenAICompatible } from "../openai-compatible-provider.js";
import {
  composeTransforms,
  type OpenAICompatiblePresetSettings,
  takeJsonSchemaFormat,
} from "./preset-settings.js";

/** Moves a JSON schema from `response_format` into vLLM's `guided_json` extra body field. */
export const vllmGuidedJson: RequestBodyTransform = (body) => {
  const schema = takeJsonSchemaFormat(body);
  if (!schema) return body;
  const { response_format: _, ...rest } = body;
  return { ...rest, guided_json: schema };
};

/**
 * A vLLM server (`vllm serve`). Structured output is native: the schema goes into `guided_json`,
 * which vLLM's guided decoding enforces token by token. Default `baseURL`: `http://localhost:8000/v1`.
 *
 * @example
 * ```ts
 * const model = createVLLM().languageModel("Qwen/Qwen2.5-7B-Instruct");
 * ```
 */
export function createVLLM(settings: OpenAICompatiblePresetSettings = {}): Provider {
  return createOpenAICompatible({
    ...settings,
    name: "vllm",
    baseURL: settings.baseURL ?? "http://localhost:8000/v1",
    capabilities: (modelId) => ({
      structuredOutput: "json-schema",
      ...(typeof settings.capabilities === "function"
        ? settings.capabilities(modelId)
        : settings.capabilities),
    }),
    transformRequestBody: composeTransforms(vllmGuidedJson, settings.transformRequestBody),
  });
}
