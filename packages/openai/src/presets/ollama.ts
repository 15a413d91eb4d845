import type { Provider } from "@weft/provider";
import type { RequestBodyTransform } from "../chat/chat-model-config.js";
import { createOpenAICompatible } from "../openai-compatible-provider.js";
import {
  composeTransforms,
  type OpenAICompatiblePresetSettings,
  takeJsonSchemaFormat,
} from "./preset-settings.js";

/** Moves a JSON schema from `response_format` into Ollama's `format` field (JSON mode becomes `"json"`). */
export const ollamaFormat: RequestBodyTransform = (body) => {
  const schema = takeJsonSchemaFormat(body);
  const jsonMode = (body.response_format as { type?: unknown } | undefined)?.type === "json_object";
  if (!schema && !jsonMode) return body;
  const { response_format: _, ...rest } = body;
  return { ...rest, format: schema ?? "json" };
};

/**
 * An Ollama server. Structured output is native: the schema goes into Ollama's `format` field.
 * No API key is needed. Default `baseURL`: `http://localhost:11434/v1`.
 *
 * @example
 * ```ts
 * const model = createOllama().languageModel("llama3.2");
 * ```
 */
export function createOllama(settings: OpenAICompatiblePresetSettings = {}): Provider {
  return createOpenAICompatible({
    ...settings,
    name: "ollama",
    baseURL: settings.baseURL ?? "http://localhost:11434/v1",
    capabilities: (modelId) => ({
      structuredOutput: "json-schema",
      ...(typeof settings.capabilities === "function"
        ? settings.capabilities(modelId)
        : settings.capabilities),
    }),
    transformRequestBody: composeTransforms(ollamaFormat, settings.transformRequestBody),
  });
}
