import type Anthropic from "@anthropic-ai/sdk";
import type { ModelCapabilities } from "@weft/provider";

/** A source of monotonic milliseconds; `@weft/core`'s `Clock` fits. Default: `performance`. */
export interface TimingClock {
  now(): number;
}

/**
 * Everything a messages model gets from its provider factory; models never read settings or the
 * environment themselves.
 * @internal
 */
export interface MessagesModelConfig {
  /** Provider name of the models: `"anthropic.messages"`. */
  readonly provider: string;
  /** The shared SDK client; throws a `ProviderError` (kind `auth`) when it could not be built. */
  readonly client: () => Anthropic;
  /** Values redacted from every error (the API key). */
  readonly secrets: readonly string[];
  readonly capabilities: (modelId: string) => ModelCapabilities;
  /** `max_tokens` when a request sets none. */
  readonly defaultMaxTokens: number;
  readonly clock: TimingClock;
}
