import { type Clock, systemClock } from "@weft/core";
import {
  type CallOptions,
  type GenerateRequest,
  type GenerateResponse,
  type LanguageModel,
  type ModelCapabilities,
  ProviderError,
  type StreamPart,
} from "@weft/provider";
import { completeResponse, type MockUsage } from "./complete-response.js";
import { type MockBehavior, type MockCall, MockResponder } from "./mock-behavior.js";
import { MockModelError } from "./mock-model-error.js";
import {
  isStreamScript,
  type MockGenerateResult,
  type MockResponseInit,
  type MockStreamResult,
} from "./mock-results.js";
import { responseToParts } from "./response-parts.js";

/** Options of a {@link MockLanguageModel}; every field is optional. */
export interface MockLanguageModelOptions {
  /** Default: `"mock"`. */
  readonly provider?: string;
  /** Default: `"mock-model"`. */
  readonly modelId?: string;
  /** Merged over the defaults `{ structuredOutput: "json-schema", tools: true, streaming: true, streamingUsage: true }`. */
  readonly capabilities?: Partial<ModelCapabilities>;
  /** How `generate` answers. Default: unset, `generate` fails with `MockModelError` `mock_not_configured`. */
  readonly generate?: MockBehavior<MockGenerateResult>;
  /** How `stream` answers. Default: from `generate`'s behaviour (sharing its list position), as parts. */
  readonly stream?: MockBehavior<MockStreamResult>;
  /** The clock delays wait on and calls are timed with. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Wait before answering (before the first part of a stream), or a function of the call. Default: 0. */
  readonly delayMs?: number | ((call: MockCall) => number);
  /** Wait between stream parts. Default: 0. */
  readonly chunkDelayMs?: number;
  /** Usage for replies that do not set it. Default: estimated with `countTokens` from request and output. */
  readonly usage?: MockUsage;
}

const DEFAULT_CAPABILITIES: ModelCapabilities = {
  structuredOutput: "json-schema",
  tools: true,
  streaming: true,
  streamingUsage: true,
};

/**
 * An in-process {@link LanguageModel} for tests: answers from a scripted behaviour, fails with any
 * `ProviderError`, waits on an injected clock, honours abort signals (kind `aborted`) and records every call.
 *
 * @example
 * ```ts
 * const model = new MockLanguageModel({ clock, generate: [failWith("rate_limit", { retryAfterMs: 100 }), "ok"] });
 * await expect(model.generate(request)).rejects.toMatchObject({ kind: "rate_limit" });
 * expect((await model.generate(request)).text).toBe("ok");
 * expect(model.calls).toHaveLength(2);
 * ```
 */
export class MockLanguageModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  private readonly clock: Clock;
  private readonly recorded: MockCall[] = [];
  private generateResponder: MockResponder<MockGenerateResult> | undefined;
  private streamResponder: MockResponder<MockStreamResult> | undefined;

  constructor(private readonly options: MockLanguageModelOptions = {}) {
    this.provider = options.provider ?? "mock";
    this.modelId = options.modelId ?? "mock-model";
    this.capabilities = { ...DEFAULT_CAPABILITIES, ...options.capabilities };
    this.clock = options.clock ?? systemClock;
    this.setGenerate(options.generate);
    this.setStream(options.stream);
  }

  /** Every call so far, in order, with its request and time. */
  get calls(): readonly MockCall[] {
    return this.recorded;
  }

  /** The `generate` calls so far. */
  get generateCalls(): readonly MockCall[] {
    return this.recorded.filter((call) => call.method === "generate");
  }

  /** The `stream` calls so far. */
  get streamCalls(): readonly MockCall[] {
    return this.recorded.filter((call) => call.method === "stream");
  }

  /** Replaces how `generate` answers from now on (a list starts again from its first result). */
  setGenerate(behavior: MockBehavior<MockGenerateResult> | undefined): void {
    this.generateResponder = behavior === undefined ? undefined : new MockResponder(behavior, "generate");
  }

  /** Replaces how `stream` answers from now on; `undefined` falls back to `generate`'s behaviour. */
  setStream(behavior: MockBehavior<MockStreamResult> | undefined): void {
    this.streamResponder = behavior === undefined ? undefined : new MockResponder(behavior, "stream");
  }

  async generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse> {
    const call = this.record("generate", request, options);
    if (!this.generateResponder) throw notConfigured("generate");
    const result = await this.generateResponder.next(call);
    await this.wait(this.delayFor(call), options?.signal);
    if (result instanceof Error) throw result;
    return this.complete(result, call);
  }

  stream(request: GenerateRequest, options?: CallOptions): AsyncIterable<StreamPart> {
    const call = this.record("stream", request, options);
    return this.streamParts(call, options?.signal);
  }

  private async *streamParts(call: MockCall, signal: AbortSignal | undefined): AsyncGenerator<StreamPart> {
    const responder = this.streamResponder ?? this.generateResponder;
    if (!responder) throw notConfigured("stream");
    const result = await responder.next(call);
    await this.wait(this.delayFor(call), signal);
    if (result instanceof Error) throw result;
    if (isStreamScript(result)) {
      for (const [index, part] of result.parts.entries()) {
        if (index > 0) await this.wait(this.options.chunkDelayMs ?? 0, signal);
        yield part;
      }
      if (result.error) throw result.error;
      return;
    }
    let firstTokenAt: number | undefined;
    const response = this.complete(result, call);
    for (const [index, part] of responseToParts(response).entries()) {
      if (index > 0) await this.wait(this.options.chunkDelayMs ?? 0, signal);
      if (firstTokenAt === undefined && part.type !== "response-metadata") firstTokenAt = this.clock.now();
      yield part;
    }
    await this.wait(this.options.chunkDelayMs ?? 0, signal);
    const timing = {
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - call.time,
      totalMs: this.clock.now() - call.time,
    };
    const { finishReason, usage, providerMetadata } = response;
    yield providerMetadata === undefined
      ? { type: "finish", finishReason, usage, timing }
      : { type: "finish", finishReason, usage, timing, providerMetadata };
  }

  private record(method: MockCall["method"], request: GenerateRequest, options: CallOptions | undefined) {
    const index = this.recorded.filter((call) => call.method === method).length;
    const call: MockCall = { method, index, request, options, time: this.clock.now() };
    this.recorded.push(call);
    return call;
  }

  private delayFor(call: MockCall): number {
    const delay = this.options.delayMs ?? 0;
    return typeof delay === "function" ? delay(call) : delay;
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      if (signal?.aborted) throw signal.reason;
      if (ms > 0) await this.clock.sleep(ms, signal);
    } catch (cause) {
      throw new ProviderError({
        kind: "aborted",
        message: "the call was aborted",
        provider: this.provider,
        cause,
      });
    }
  }

  private complete(init: string | MockResponseInit, call: MockCall): GenerateResponse {
    return completeResponse(init, {
      request: call.request,
      modelId: this.modelId,
      responseId: `mock-${call.method}-${call.index}`,
      elapsedMs: this.clock.now() - call.time,
      usage: this.options.usage,
    });
  }
}

function notConfigured(method: string): MockModelError {
  return new MockModelError("mock_not_configured", `MockLanguageModel.${method} has no behaviour configured`);
}
