import { abortChecks } from "./abort-checks.js";
import type { ProviderConformanceOptions } from "./conformance-options.js";
import { faultChecks } from "./fault-checks.js";
import { generationChecks } from "./generation-checks.js";
import { retryChecks } from "./retry-checks.js";
import { timeoutCheck } from "./timeout-check.js";
import { toolChecks } from "./tool-checks.js";

/** What a check can do besides passing or throwing. */
export interface ConformanceContext {
  /** Marks the check skipped (a capability the model does not declare); the check then returns. */
  skip(reason: string): void;
}

/** One named conformance check; it throws a `ConformanceError` (or the provider's error) when it fails. */
export interface ConformanceCheck {
  readonly name: string;
  run(context: ConformanceContext): Promise<void>;
}

/**
 * The provider conformance checks, for any test runner: loop over them and run each.
 * They cover text, streaming (parts order), tool calls (streamed and not, and the round trip after a
 * tool result), structured output, usage, the classification of every fault, one request per failed call
 * (no retries), the per-attempt timeout (with `createTimeoutModel`), and abort.
 *
 * @example
 * ```ts
 * for (const check of providerConformanceChecks(options)) test(check.name, () => check.run({ skip() {} }));
 * ```
 */
export function providerConformanceChecks(options: ProviderConformanceOptions): ConformanceCheck[] {
  const model = async () => options.createModel();
  const checks = [
    ...generationChecks(model, options.reportsUsage ?? true),
    ...toolChecks(model),
    ...faultChecks(options, model),
    ...retryChecks(options, model),
    timeoutCheck(options),
    ...abortChecks(options, model),
  ];
  const skipped = new Set(options.skip ?? []);
  return checks.filter((check) => !skipped.has(check.name));
}

/** The parts of vitest (or a compatible runner) the suite registers with. */
export interface ConformanceRunner {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (
    name: string,
    body: (context: { skip: (note?: string) => void }) => Promise<void>,
    timeout?: number,
  ) => void;
}

/**
 * Registers the conformance checks as a `describe` block of `it` tests (pass vitest's `describe` and
 * `it`; vitest is an optional peer dependency). Each check becomes one test, named after it.
 *
 * @example
 * ```ts
 * import { describe, it } from "vitest";
 * runProviderConformance({ describe, it, name: "my provider", createModel, injectFault: mockServerFaultInjector(server) });
 * ```
 */
export function runProviderConformance(
  options: ProviderConformanceOptions & ConformanceRunner & { readonly timeoutMs?: number },
): void {
  options.describe(`provider conformance: ${options.name}`, () => {
    for (const check of providerConformanceChecks(options)) {
      options.it(
        check.name,
        (context) => check.run({ skip: (reason) => context.skip(reason) }),
        options.timeoutMs,
      );
    }
  });
}
