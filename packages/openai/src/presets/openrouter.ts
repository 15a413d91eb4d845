import type { Provider } from "@weft/provider";
import { createOpenAICompatible } from "../openai-compatible-provider.js";
import type { OpenAICompatiblePresetSettings } from "./preset-settings.js";

/** Settings of {@link createOpenRouter}. */
export interface OpenRouterSettings extends OpenAICompatiblePresetSettings {
  /** Your app's URL, sent as `HTTP-Referer` for OpenRouter's app attribution. Default: not sent. */
  readonly appUrl?: string;
  /** Your app's name, sent as `X-Title`. Default: not sent. */
  readonly appName?: string;
}

/**
 * OpenRouter. Structured output uses native `response_format: json_schema` (OpenRouter forwards it to
 * models that support it). The API key defaults to the `OPENROUTER_API_KEY` environment variable, read
 * here once. Default `baseURL`: `https://openrouter.ai/api/v1`.
 *
 * @example
 * ```ts
 * const model = createOpenRouter({ appName: "my-app" }).languageModel("openai/gpt-4o-mini");
 * ```
 */
export function createOpenRouter(settings: OpenRouterSettings = {}): Provider {
  const { appUrl, appName, ...rest } = settings;
  return createOpenAICompatible({
    ...rest,
    name: "openrouter",
    baseURL: settings.baseURL ?? "https://openrouter.ai/api/v1",
    apiKey: settings.apiKey ?? process.env.OPENROUTER_API_KEY,
    headers: {
      ...(appUrl ? { "HTTP-Referer": appUrl } : {}),
      ...(appName ? { "X-Title": appName } : {}),
      ...settings.headers,
    },
    capabilities: (modelId) => ({
      structuredOutput: "json-schema",
      ...(typeof settings.capabilities === "function"
        ? settings.capabilities(modelId)
        : settings.capabilities),
    }),
  });
}
