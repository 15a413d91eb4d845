// A minimal LanguageModel for examples and tests outside *.test.ts files (which may not import @weft/testing).
import type { Clock } from "@weft/core";
import {
  type CallOptions,
  type GenerateRequest,
  type GenerateResponse,
  type LanguageModel,
  type ModelCapabilities,
  ProviderError,
  type StreamPart,
} from "@weft/provider";

/** How a {@link ScriptedModel} answers its n-th call (from 0). */
export interface ScriptedModelOptions {
  readonly clock: Clock;
  readonly modelId: string;
  /** Service time of call n, ms. */
  readonly delayMs: (call: number) => number;
  /** When set for call n: fail with a 429 asking to wait this long. */
  readonly rateLimitAfterMs?: (call: number) => number | undefined;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
}

/** Answers after a clock delay, or refuses with a 429; no streaming. */
export class ScriptedModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "scripted";
  readonly modelId: string;
  readonly capabilities: ModelCapabilities = {
    structuredOutput: "none",
    tools: false,
    streaming: false,
    streamingUsage: false,
  };
  private calls = 0;

  constructor(private readonly options: ScriptedModelOptions) {
    this.modelId = options.modelId;
  }

  async generate(_request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse> {
    const call = this.calls++;
    const delay = this.options.delayMs(call);
    const retryAfterMs = this.options.rateLimitAfterMs?.(call);
    await this.options.clock.sleep(retryAfterMs === undefined ? delay : Math.min(delay, 20), options?.signal);
    if (retryAfterMs !== undefined) {
      throw new ProviderError({
        kind: "rate_limit",
        message: "slow down",
        status: 429,
        retryAfterMs,
        provider: "scripted",
      });
    }
    return {
      text: `answer ${call}`,
      toolCalls: [],
      reasoning: undefined,
      finishReason: { unified: "stop", raw: "stop" },
      usage: this.options.usage,
      timing: { timeToFirstTokenMs: undefined, totalMs: delay },
      response: { id: `r${call}`, modelId: this.modelId },
      rateLimit: undefined,
    };
  }

  // biome-ignore lint/correctness/useYield: this model never streams (capabilities.streaming is false)
  async *stream(): AsyncIterable<StreamPart> {
    throw new ProviderError({
      kind: "invalid_request",
      message: "streaming is not scripted",
      provider: "scripted",
    });
  }
}
