import type { LanguageModel } from "@weft/provider";
import { collectParts, describe, ensure, failureOf } from "./assertions.js";
import { textRequest } from "./conformance-fixtures.js";
import {
  CONFORMANCE_FAULTS,
  type FaultInjection,
  type ProviderConformanceOptions,
  RETRYABLE_FAULTS,
} from "./conformance-options.js";
import { withInjection } from "./fault-checks.js";
import type { ConformanceCheck } from "./provider-conformance.js";

/**
 * Fails unless the injection's server received exactly one request. Read after the call failed: a
 * provider that retries fails only after its last attempt, so every attempt has reached the server by then.
 */
export async function ensureOneRequest(
  injection: FaultInjection & { requestCount: () => number | Promise<number> },
  what: string,
): Promise<void> {
  const count = await injection.requestCount();
  ensure(
    count === 1,
    count === 0
      ? `${what}: the server received no request for the call`
      : `${what}: the server received ${count} requests for one call; a provider must not retry (construct the vendor SDK with maxRetries: 0: weft's resources layer owns retries)`,
  );
}

/**
 * One check per retryable fault the suite covers: a call failing with it, generating and streaming, sent
 * exactly one request. Skipped when the injector cannot count requests.
 */
export function retryChecks(
  options: ProviderConformanceOptions,
  model: () => Promise<LanguageModel>,
): ConformanceCheck[] {
  const faults = options.faults ?? CONFORMANCE_FAULTS;
  return RETRYABLE_FAULTS.filter((fault) => faults.includes(fault)).map((fault) => ({
    name: `retries: a call failing with ${fault} sends exactly one request`,
    run: async ({ skip }) => {
      for (const mode of ["generate", "stream"] as const) {
        const injection = await options.injectFault(fault);
        const { requestCount } = injection;
        if (!requestCount) return skip("the fault injector does not report requestCount");
        const target = injection.model ?? (await model());
        const request = withInjection(textRequest(), injection);
        const what = `${mode} with ${fault}`;
        if (mode === "generate") await failureOf(() => target.generate(request), what);
        else {
          const { parts, error } = await collectParts(target.stream(request));
          ensure(
            error !== undefined,
            `${what}: expected the stream to fail, but it finished with ${describe(parts.map((p) => p.type))}`,
          );
        }
        await ensureOneRequest({ ...injection, requestCount }, what);
      }
    },
  }));
}
