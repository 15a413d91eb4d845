import { ManualClock } from "@weft/core";
import type {
  CallOptions,
  GenerateRequest,
  LanguageModel,
  ProviderErrorKind,
  StreamPart,
} from "@weft/provider";
import { ConformanceError } from "../conformance/conformance-error.js";
import {
  DEFAULT_EXPECTED_KINDS,
  type FaultInjection,
  type InjectableFault,
  type ProviderConformanceOptions,
} from "../conformance/conformance-options.js";
import { providerConformanceChecks } from "../conformance/provider-conformance.js";
import type { MockCall } from "../mock-model/mock-behavior.js";
import { MockLanguageModel } from "../mock-model/mock-language-model.js";
import {
  failWith,
  type MockGenerateResult,
  objectResponse,
  streamParts,
  toolCallResponse,
} from "../mock-model/mock-results.js";

// An otherwise well-behaved in-process provider for the suite's own tests: each test breaks one rule of it
// and expects the check that names the rule to fail, saying why. For tests only.

export const review = { title: "Loom", rating: 4, verdict: "buy", tags: ["wood"], author: { name: "Ada" } };
const weather = { toolName: "get_weather", input: { city: "Lyon", unit: "celsius" } };

/** Answers the suite's requests: text, a weather tool call, a review object, text after a tool result. */
export function answer(request: GenerateRequest): MockGenerateResult {
  if (request.messages.at(-1)?.role === "tool") return "It is mild.";
  if (request.tools?.length) return toolCallResponse(weather);
  if (request.responseFormat?.type === "json") return objectResponse(review);
  return "Looms weave threads.";
}

export const metadata: StreamPart = {
  type: "response-metadata",
  response: { id: "r", modelId: "m" },
  rateLimit: undefined,
};

/** The in-process injection of `fault`: a model that fails as a correct provider would report it. */
export function failing(fault: InjectableFault): FaultInjection {
  if (fault === "stall_stream") {
    // A stall on a clock nobody advances: generate waits before answering, a stream after its first part.
    const delayMs = (call: MockCall) => (call.method === "generate" ? 1_000 : 0);
    return {
      model: new MockLanguageModel({
        clock: new ManualClock(),
        generate: answer,
        delayMs,
        chunkDelayMs: 1_000,
      }),
      clientClosed: async () => true,
    };
  }
  // The timeout check calls createTimeoutModel; the in-process "server" holds nothing.
  if (fault === "slow_first_byte") return {};
  const kind = (DEFAULT_EXPECTED_KINDS[fault][0] ?? "unknown") as ProviderErrorKind;
  const error = failWith(kind, { retryAfterMs: kind === "rate_limit" ? 100 : undefined });
  const cut = ["cut_stream", "stream_error_event"].includes(fault);
  const model = new MockLanguageModel({
    generate: error,
    stream: cut ? streamParts([metadata, { type: "text-delta", delta: "par" }], { error }) : error,
  });
  // Each call of the in-process model stands for one HTTP request.
  return { model, requestCount: () => model.calls.length };
}

/** A model timing out as a correct provider reports it. */
export const timingOut = () => new MockLanguageModel({ generate: failWith("timeout") });

/** The suite's options for the in-process provider, with `overrides`. */
export function options(overrides: Partial<ProviderConformanceOptions> = {}): ProviderConformanceOptions {
  return {
    name: "in-process",
    createModel: () => new MockLanguageModel({ modelId: "m", generate: answer, chunkDelayMs: 0 }),
    createTimeoutModel: timingOut,
    injectFault: failing,
    ...overrides,
  };
}

/**
 * Runs the check whose name starts with `checkName`: `passed`, `skipped: <reason>`, `failed: <message>` for
 * a ConformanceError, or `threw: <error>` for anything else.
 */
export async function outcome(opts: ProviderConformanceOptions, checkName: string): Promise<string> {
  const check = providerConformanceChecks(opts).find((c) => c.name.startsWith(checkName));
  if (!check) throw new Error(`no check named ${checkName}`);
  let skipped: string | undefined;
  try {
    await check.run({
      skip: (reason) => {
        skipped = reason;
      },
    });
  } catch (error) {
    return ConformanceError.is(error) ? `failed: ${error.message}` : `threw: ${String(error)}`;
  }
  return skipped === undefined ? "passed" : `skipped: ${skipped}`;
}

/**
 * `inner` behind what a vendor SDK does with its default `maxRetries: 2`: a retryable failure is tried
 * again, up to two more times. For showing that the retry checks catch it.
 */
export function retrying(inner: LanguageModel, retries = 2): LanguageModel {
  const again = async <T>(attempt: () => Promise<T>): Promise<T> => {
    for (let left = retries; ; left--) {
      try {
        return await attempt();
      } catch (error) {
        if (left === 0 || !(error as { isRetryable?: boolean }).isRetryable) throw error;
      }
    }
  };
  return {
    specificationVersion: "v1",
    provider: inner.provider,
    modelId: inner.modelId,
    capabilities: inner.capabilities,
    generate: (request, callOptions?: CallOptions) => again(() => inner.generate(request, callOptions)),
    async *stream(request, callOptions?: CallOptions) {
      // Like an SDK, retry only the opening of the stream (here: up to its first part).
      const opened = await again(async () => {
        const iterator = inner.stream(request, callOptions)[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      });
      for (let next = opened.first; !next.done; next = await opened.iterator.next()) yield next.value;
    },
  };
}
