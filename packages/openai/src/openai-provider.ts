import type { LanguageModel, Provider } from "@weft/provider";
import type { ChatModelConfig, TimingClock } from "./chat/chat-model-config.js";
import { createClientFactory } from "./chat/create-client.js";
import { OpenAIChatLanguageModel } from "./chat/openai-chat-language-model.js";
import { isOpenAIReasoningModel, openAIModelCapabilities } from "./chat/openai-model-traits.js";

/** Settings of {@link createOpenAI}. */
export interface OpenAIProviderSettings {
  /** API key. Default: the `OPENAI_API_KEY` environment variable, read once by the factory. */
  readonly apiKey?: string;
  /** API base URL. Default: `"https://api.openai.com/v1"`. */
  readonly baseURL?: string;
  /** Sent as `OpenAI-Organization`. Default: none (the environment is not read). */
  readonly organization?: string;
  /** Sent as `OpenAI-Project`. Default: none. */
  readonly project?: string;
  /** Extra headers on every request. Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch implementation (proxies, tests). Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Per-attempt time limit enforced by the SDK, in milliseconds; failures have kind `timeout`.
   * Default: 600000 (10 minutes). Prefer `AbortSignal`s and the resources layer for deadlines.
   */
  readonly timeoutMs?: number;
  /** Clock for `timing` in responses. Default: `performance`. */
  readonly clock?: TimingClock;
}

/** The OpenAI provider: `languageModel(id)` returns a chat-completions model. */
export interface OpenAIProvider extends Provider {
  readonly name: "openai";
  languageModel(modelId: string): LanguageModel;
}

/** The default base URL of the OpenAI API. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * Creates the OpenAI provider over the official `openai` SDK, constructed with `maxRetries: 0`
 * (weft's resources layer is the only retry owner). The API key is read here, once: from
 * `settings.apiKey`, else `OPENAI_API_KEY`. Without one, every call rejects with a `ProviderError`
 * of kind `auth`; the key never appears in errors, metadata or events.
 *
 * @example
 * ```ts
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
 * const reply = await openai.languageModel("gpt-4o-mini").generate({ messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  const apiKey = settings.apiKey ?? process.env.OPENAI_API_KEY;
  const client = createClientFactory({
    provider: "openai.chat",
    apiKey,
    missingKeyHint: "pass createOpenAI({ apiKey }) or set OPENAI_API_KEY",
    baseURL: settings.baseURL ?? OPENAI_BASE_URL,
    organization: settings.organization,
    project: settings.project,
    headers: settings.headers,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
  });
  const config: ChatModelConfig = {
    provider: "openai.chat",
    providerOptionsKey: "openai",
    client,
    secrets: apiKey ? [apiKey] : [],
    capabilities: openAIModelCapabilities,
    strictJsonSchema: true,
    isReasoningModel: isOpenAIReasoningModel,
    transformRequestBody: undefined,
    clock: settings.clock ?? performance,
  };
  return {
    name: "openai",
    languageModel: (modelId: string) => new OpenAIChatLanguageModel(modelId, config),
  };
}
