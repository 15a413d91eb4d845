import Anthropic from "@anthropic-ai/sdk";
import {
  type LanguageModel,
  type Provider,
  ProviderError,
  type StructuredOutputStrategy,
} from "@weft/provider";
import { AnthropicMessagesLanguageModel } from "./messages/anthropic-messages-language-model.js";
import { anthropicModelCapabilities } from "./messages/anthropic-model-traits.js";
import type { MessagesModelConfig, TimingClock } from "./messages/messages-model-config.js";

/** Settings of {@link createAnthropic}. */
export interface AnthropicProviderSettings {
  /** API key. Default: the `ANTHROPIC_API_KEY` environment variable, read once by the factory. */
  readonly apiKey?: string;
  /** API base URL (without `/v1`). Default: `"https://api.anthropic.com"`. */
  readonly baseURL?: string;
  /** Extra headers on every request (for example `anthropic-beta`). Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch implementation (proxies, tests). Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * How structured output is requested. Default: per model, `json-schema` (native
   * `output_config.format`) for Claude 4.5 and later and Opus 4.1, `tool-call` (a forced answer
   * tool) for older models.
   */
  readonly structuredOutput?: Extract<StructuredOutputStrategy, "json-schema" | "tool-call">;
  /** `max_tokens` for requests that set no `maxTokens` (the API requires one), capped at the model's limit. Default: 4096. */
  readonly defaultMaxTokens?: number;
  /** Per-attempt SDK time limit in milliseconds; failures have kind `timeout`. Default: 600000. */
  readonly timeoutMs?: number;
  /** Clock for `timing` in responses. Default: `performance`. */
  readonly clock?: TimingClock;
}

/** The Anthropic provider: `languageModel(id)` returns a Messages API model. */
export interface AnthropicProvider extends Provider {
  readonly name: "anthropic";
  languageModel(modelId: string): LanguageModel;
}

/** The default base URL of the Anthropic API. */
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/**
 * Creates the Anthropic provider over the official `@anthropic-ai/sdk`, constructed with
 * `maxRetries: 0` (weft's resources layer is the only retry owner). The API key is read here, once:
 * `settings.apiKey`, else `ANTHROPIC_API_KEY`. Without one, every call rejects with a `ProviderError`
 * of kind `auth`; the key never appears in errors, metadata or events.
 *
 * @example
 * ```ts
 * const anthropic = createAnthropic();
 * const reply = await anthropic.languageModel("claude-sonnet-4-6").generate({
 *   messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }],
 * });
 * ```
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  const provider = "anthropic.messages";
  const apiKey = settings.apiKey ?? process.env.ANTHROPIC_API_KEY;
  const sdk = apiKey
    ? new Anthropic({
        apiKey,
        // Explicit nulls keep the SDK from reading ANTHROPIC_AUTH_TOKEN and friends: settings come from here only.
        authToken: null,
        baseURL: settings.baseURL ?? ANTHROPIC_BASE_URL,
        ...(settings.headers ? { defaultHeaders: { ...settings.headers } } : {}),
        maxRetries: 0,
        timeout: settings.timeoutMs ?? 600_000,
        logLevel: "off",
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
      })
    : undefined;
  const config: MessagesModelConfig = {
    provider,
    client: () => {
      if (sdk) return sdk;
      throw new ProviderError({
        kind: "auth",
        provider,
        message: `${provider}: no API key: pass createAnthropic({ apiKey }) or set ANTHROPIC_API_KEY`,
      });
    },
    secrets: apiKey ? [apiKey] : [],
    capabilities: (modelId) => anthropicModelCapabilities(modelId, settings.structuredOutput),
    defaultMaxTokens: settings.defaultMaxTokens ?? 4_096,
    clock: settings.clock ?? performance,
  };
  return {
    name: "anthropic",
    languageModel: (modelId: string) => new AnthropicMessagesLanguageModel(modelId, config),
  };
}
