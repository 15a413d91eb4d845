import type { LanguageModel, ModelCapabilities, Provider } from "@weft/provider";
import type { ChatModelConfig, RequestBodyTransform, TimingClock } from "./chat/chat-model-config.js";
import { createClientFactory } from "./chat/create-client.js";
import { OpenAIChatLanguageModel } from "./chat/openai-chat-language-model.js";

/** Settings of {@link createOpenAICompatible}. */
export interface OpenAICompatibleSettings {
  /** Provider name: the `providerOptions` key, and models report `"<name>.chat"`. */
  readonly name: string;
  /** Base URL of the server's OpenAI-compatible API, including `/v1`. */
  readonly baseURL: string;
  /** API key, sent as a bearer token. Default: none, and then no `Authorization` header is sent. */
  readonly apiKey?: string;
  /**
   * What the server's models can do; decides the structured-output strategy. A function receives the
   * model id. Unset fields default to `{ structuredOutput: "json-mode", tools: true, streaming: true,
   * streamingUsage: true }`.
   */
  readonly capabilities?: Partial<ModelCapabilities> | ((modelId: string) => Partial<ModelCapabilities>);
  /**
   * Apply OpenAI's strict-mode schema transform (all properties required, optionals nullable) and map
   * the answers back. Only for servers that enforce OpenAI strict mode. Default: false.
   */
  readonly strictJsonSchema?: boolean;
  /** Model ids that take `max_completion_tokens` and a `developer` system role. Default: none. */
  readonly isReasoningModel?: (modelId: string) => boolean;
  /** Extra headers on every request. Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Rewrites each request body just before it is sent (server-specific fields). Default: none. */
  readonly transformRequestBody?: RequestBodyTransform;
  /** A fetch implementation. Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-attempt SDK time limit in milliseconds (kind `timeout`). Default: 600000. */
  readonly timeoutMs?: number;
  /** Clock for `timing`. Default: `performance`. */
  readonly clock?: TimingClock;
}

/** Capabilities assumed for a server that declares nothing. */
export const DEFAULT_COMPATIBLE_CAPABILITIES: ModelCapabilities = {
  structuredOutput: "json-mode",
  tools: true,
  streaming: true,
  streamingUsage: true,
};

/**
 * A provider for any server speaking OpenAI chat completions (vLLM, Ollama, TGI, OpenRouter, LiteLLM,
 * llama.cpp, ...). The declared `capabilities` pick the structured-output strategy: `json-schema`
 * (`response_format: json_schema`, or a server field via `transformRequestBody`), `json-mode`
 * (`json_object` plus the schema in the system message) or `tool-call` (a forced answer tool).
 *
 * @example
 * ```ts
 * const local = createOpenAICompatible({ name: "llamacpp", baseURL: "http://127.0.0.1:8080/v1",
 *   capabilities: { structuredOutput: "json-schema" } });
 * const model = local.languageModel("qwen2.5-7b-instruct");
 * ```
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): Provider {
  const provider = `${settings.name}.chat`;
  const declared = settings.capabilities;
  const config: ChatModelConfig = {
    provider,
    providerOptionsKey: settings.name,
    client: createClientFactory({
      provider,
      apiKey: settings.apiKey,
      keyOptional: true,
      baseURL: settings.baseURL,
      headers: settings.headers,
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
    }),
    secrets: settings.apiKey ? [settings.apiKey] : [],
    capabilities: (modelId) => ({
      ...DEFAULT_COMPATIBLE_CAPABILITIES,
      ...(typeof declared === "function" ? declared(modelId) : declared),
    }),
    strictJsonSchema: settings.strictJsonSchema ?? false,
    isReasoningModel: settings.isReasoningModel ?? (() => false),
    transformRequestBody: settings.transformRequestBody,
    clock: settings.clock ?? performance,
  };
  return {
    name: settings.name,
    languageModel: (modelId: string): LanguageModel => new OpenAIChatLanguageModel(modelId, config),
  };
}
