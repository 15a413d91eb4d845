import type { LanguageModel } from "@weft/provider";
import { describe, ensure, ensureProviderError, failureOf } from "./assertions.js";
import { textRequest } from "./conformance-fixtures.js";
import type { ProviderConformanceOptions } from "./conformance-options.js";
import { withInjection } from "./fault-checks.js";
import type { ConformanceCheck } from "./provider-conformance.js";

/** Abort checks: a fired signal rejects with kind `aborted` and the connection is really closed. */
export function abortChecks(
  options: ProviderConformanceOptions,
  model: () => Promise<LanguageModel>,
): ConformanceCheck[] {
  return [
    {
      name: "abort: an already aborted signal rejects with kind aborted",
      run: async () => {
        const signal = AbortSignal.abort();
        const m = await model();
        ensureProviderError(
          await failureOf(() => m.generate(textRequest(), { signal }), "generate"),
          ["aborted"],
          "generate with an aborted signal",
        );
        const iterator = m.stream(textRequest(), { signal })[Symbol.asyncIterator]();
        ensureProviderError(
          await failureOf(() => iterator.next(), "stream"),
          ["aborted"],
          "stream with an aborted signal",
        );
      },
    },
    {
      name: "abort: cancelling generate closes the connection and rejects with kind aborted",
      run: async () => {
        const injection = await options.injectFault("stall_stream");
        const m = injection.model ?? (await model());
        const controller = new AbortController();
        const pending = m.generate(withInjection(textRequest(), injection), { signal: controller.signal });
        await injection.received?.();
        controller.abort();
        ensureProviderError(await failureOf(() => pending, "generate"), ["aborted"], "generate after abort");
        if (injection.clientClosed)
          ensure(
            await injection.clientClosed(),
            "generate after abort: the server did not see the connection closed",
          );
      },
    },
    {
      name: "abort: cancelling a stream mid-way closes the connection before the next chunk",
      run: async () => {
        const injection = await options.injectFault("stall_stream");
        const m = injection.model ?? (await model());
        const controller = new AbortController();
        const iterator = m
          .stream(withInjection(textRequest(), injection), { signal: controller.signal })
          [Symbol.asyncIterator]();
        const first = await iterator.next();
        ensure(
          !first.done && first.value.type === "response-metadata",
          `stream: expected response-metadata first, got ${describe(first.value)}`,
        );
        controller.abort();
        const error = await failureOf(async () => {
          for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
            ensure(result.value.type !== "finish", "stream after abort: it must not finish normally");
          }
        }, "stream after abort");
        ensureProviderError(error, ["aborted"], "stream after abort");
        if (injection.clientClosed)
          ensure(
            await injection.clientClosed(),
            "stream after abort: the server did not see the connection closed before the next chunk",
          );
      },
    },
  ];
}
