import { type BoundConfig, type Module, setBoundExecutor } from "@weft/core";
import { boundSettings } from "../settings/bound-settings.js";
import { currentSettings, resolveSettings } from "../settings/execution-settings.js";
import { runWithSettings } from "./run.js";
import { failureOf } from "./run-result.js";

/**
 * Runs a bound module's call: trace and execute with settings in precedence order (call options are not
 * part of a call, so: binding > scope > defaults), resolving to the output as plain data. A call whose nodes
 * failed rejects with a `RunFailedError` (one whose LLM nodes a budget stop cancelled, with the budget error),
 * like any function that fails.
 */
export async function executeBound(
  module: Module,
  args: readonly unknown[],
  config: BoundConfig,
): Promise<unknown> {
  const settings = resolveSettings(currentSettings(), boundSettings(config));
  const result = await runWithSettings(module, args, settings, {});
  if (!result.ok) throw failureOf(result);
  return result.output;
}

/** Installs {@link executeBound} in core's dispatch slot (done when `@weft/execution` is imported). */
export function installBoundExecutor(): void {
  setBoundExecutor(executeBound);
}
