import type { GenerateRequest, LanguageModel, ProviderError } from "@weft/provider";
import { collectParts, describe, ensure, ensureProviderError, failureOf } from "./assertions.js";
import { textRequest } from "./conformance-fixtures.js";
import {
  CONFORMANCE_FAULTS,
  type ConformanceFault,
  DEFAULT_EXPECTED_KINDS,
  type FaultInjection,
  type ProviderConformanceOptions,
} from "./conformance-options.js";
import type { ConformanceCheck } from "./provider-conformance.js";

/** Faults that only make sense while streaming (they act after the first content). */
const STREAM_ONLY: ReadonlySet<ConformanceFault> = new Set(["cut_stream", "stream_error_event"]);

/** The request with the injection's headers merged in. */
export function withInjection(request: GenerateRequest, injection: FaultInjection): GenerateRequest {
  return injection.headers ? { ...request, headers: { ...request.headers, ...injection.headers } } : request;
}

function textOf(value: unknown, depth = 0): string {
  if (depth > 4 || value === undefined || value === null) return "";
  if (value instanceof Error)
    return `${value.message} ${textOf((value as { cause?: unknown }).cause, depth + 1)}`;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}

function ensureNoSecrets(error: ProviderError, secrets: readonly string[], what: string): void {
  const exposed = `${error.message} ${textOf(error.responseBody)} ${textOf(error.cause)}`;
  for (const secret of secrets) ensure(!exposed.includes(secret), `${what}: the error exposes a secret`);
}

/** One check per fault: the call fails with a ProviderError of the expected kind (generating and streaming). */
export function faultChecks(
  options: ProviderConformanceOptions,
  model: () => Promise<LanguageModel>,
): ConformanceCheck[] {
  const faults = options.faults ?? CONFORMANCE_FAULTS;
  const injected = async (fault: ConformanceFault) => {
    const injection = await options.injectFault(fault);
    return { injection, target: injection.model ?? (await model()) };
  };
  return faults.map((fault) => {
    const kinds = options.expectedKinds?.[fault] ?? DEFAULT_EXPECTED_KINDS[fault];
    return {
      name: `faults: ${fault} is classified as ${kinds.join(" or ")}`,
      run: async () => {
        const checkError = (error: unknown, what: string) => {
          const classified = ensureProviderError(error, kinds, what);
          ensureNoSecrets(classified, options.secrets ?? [], what);
          if (fault === "rate_limit") {
            ensure(
              typeof classified.retryAfterMs === "number" && classified.retryAfterMs > 0,
              `${what}: a rate limit must carry retryAfterMs from the server, got ${describe(classified.retryAfterMs)}`,
            );
            ensure(classified.isRetryable, `${what}: a rate limit must be retryable`);
          }
          if (fault === "quota")
            ensure(!classified.isRetryable, `${what}: an exhausted quota must not be retryable`);
        };
        if (!STREAM_ONLY.has(fault)) {
          const { injection, target } = await injected(fault);
          checkError(
            await failureOf(
              () => target.generate(withInjection(textRequest(), injection)),
              `generate with ${fault}`,
            ),
            `generate with ${fault}`,
          );
        }
        const { injection, target } = await injected(fault);
        const { parts, error } = await collectParts(target.stream(withInjection(textRequest(), injection)));
        ensure(
          error !== undefined,
          `stream with ${fault}: expected the stream to fail, but it finished with ${describe(parts.map((p) => p.type))}`,
        );
        ensure(
          !parts.some((part) => part.type === "finish"),
          `stream with ${fault}: a failed stream must not yield finish`,
        );
        checkError(error, `stream with ${fault}`);
      },
    };
  });
}
