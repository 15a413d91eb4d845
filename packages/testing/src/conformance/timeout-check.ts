import { collectParts, describe, ensure, ensureProviderError, failureOf } from "./assertions.js";
import { textRequest } from "./conformance-fixtures.js";
import { CONFORMANCE_TIMEOUT_MS, type ProviderConformanceOptions } from "./conformance-options.js";
import { withInjection } from "./fault-checks.js";
import type { ConformanceCheck } from "./provider-conformance.js";
import { ensureOneRequest } from "./retry-checks.js";

/**
 * The timeout check: with a per-attempt timeout of {@link CONFORMANCE_TIMEOUT_MS}, a reply whose first byte is
 * held back fails with kind `timeout`, generating and streaming, after one request when the injector counts
 * them, and (when the injector can tell) with the held connection closed. It asserts the kind, never how long
 * the call took. Skipped without `createTimeoutModel`.
 */
export function timeoutCheck(options: ProviderConformanceOptions): ConformanceCheck {
  return {
    name: "timeout: a reply held past the per-attempt timeout fails with kind timeout",
    run: async ({ skip }) => {
      const { createTimeoutModel } = options;
      if (!createTimeoutModel) return skip("no createTimeoutModel to shorten the per-attempt timeout");
      for (const mode of ["generate", "stream"] as const) {
        const injection = await options.injectFault("slow_first_byte");
        const model = await createTimeoutModel(CONFORMANCE_TIMEOUT_MS);
        const request = withInjection(textRequest(), injection);
        const what = `${mode} with the first byte held back`;
        let error: unknown;
        if (mode === "generate") error = await failureOf(() => model.generate(request), what);
        else {
          const collected = await collectParts(model.stream(request));
          ensure(
            collected.error !== undefined,
            `${what}: expected the stream to fail, but it finished with ${describe(collected.parts.map((p) => p.type))}`,
          );
          error = collected.error;
        }
        ensureProviderError(error, ["timeout"], what);
        const { requestCount } = injection;
        if (requestCount) await ensureOneRequest({ ...injection, requestCount }, what);
        if (injection.clientClosed)
          ensure(
            await injection.clientClosed(),
            `${what}: the server did not see the connection closed after the timeout`,
          );
      }
    },
  };
}
