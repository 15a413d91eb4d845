import type { ModelCapabilities } from "@weft/provider";
import type OpenAI from "openai";

/** A source of monotonic milliseconds; `@weft/core`'s `Clock` fits. Default: `performance`. */
export interface TimingClock {
  now(): number;
}

/** What a request body transform learns about the request it rewrites. */
export interface RequestBodyContext {
  readonly modelId: string;
  readonly stream: boolean;
}

/** Rewrites the request body just before it is sent (server-specific fields, renames). */
export type RequestBodyTransform = (
  body: Record<string, unknown>,
  context: RequestBodyContext,
) => Record<string, unknown>;

/**
 * Everything a chat model gets from its provider factory. The factory reads settings and the
 * environment; models never do.
 * @internal
 */
export interface ChatModelConfig {
  /** Provider name of the models, e.g. `"openai.chat"`. */
  readonly provider: string;
  /** Key of `providerOptions` and `providerMetadata`, e.g. `"openai"`. */
  readonly providerOptionsKey: string;
  /** The shared SDK client; throws a `ProviderError` (kind `auth`) when it could not be built. */
  readonly client: () => OpenAI;
  /** Values redacted from every error (the API key). */
  readonly secrets: readonly string[];
  readonly capabilities: (modelId: string) => ModelCapabilities;
  readonly strictJsonSchema: boolean;
  readonly isReasoningModel: (modelId: string) => boolean;
  readonly transformRequestBody: RequestBodyTransform | undefined;
  readonly clock: TimingClock;
}
