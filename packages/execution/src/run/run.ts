import type { BoundOutput, Module } from "@weft/core";
import { RunCheckpointing } from "../checkpoint/run-checkpointing.js";
import { attachRecord } from "../record/attach-record.js";
import { bindingLayer } from "../settings/bound-settings.js";
import { currentSettings, type ExecutionSettings, resolveSettings } from "../settings/execution-settings.js";
import { argumentsOf, labelOf, type RunInput } from "./run-input.js";
import { failureOf, type RunResult } from "./run-result.js";
import { Runtime } from "./runtime.js";

/** Options of {@link run}: the execution settings for this call, a signal and a run id. */
export interface RunOptions extends ExecutionSettings {
  /** Aborts the run: running nodes see it (provider calls are cancelled), the rest is cancelled. */
  readonly signal?: AbortSignal;
  /** Identifies the run in events and (by default) its checkpoint. Default: a random UUID. */
  readonly runId?: string;
}

/**
 * Traces `module` on `input` and runs the graph (plait-spec 7.4, with its fixes): resolves to a
 * {@link RunResult} whose `output` has exactly the shape `forward()` returned, with per-node errors, usage,
 * cost and timings. Node failures cancel their descendants and are reported, not thrown, unless `strict`
 * (then a `RunFailedError`, an `ExecutionError`, lists them). LLM nodes cancelled by a budget stop make the
 * result not ok (status `stopped`). Rejects with the signal's reason when aborted.
 *
 * Settings come from `options`, then the module's binding (`module.bind(resources, options)`), then the
 * enclosing {@link withSettings} scopes, then the defaults.
 *
 * In training mode (`module.train()`, or `record: true`; never inside `noGrad`) the result carries the run's
 * tape: `record`, registered under `tapeId`, and every Value of `values` tagged with that id, so a loss
 * computed on them can be propagated with `await feedback.backward()` (see `registerTape` for who releases
 * a tape).
 *
 * @example
 * ```ts
 * const { output, costUsd } = await run(pipeline, "Some text", { resources: manager });
 * ```
 */
export async function run<M extends Module>(
  module: M,
  input: RunInput<M>,
  options: RunOptions = {},
): Promise<RunResult<BoundOutput<M>>> {
  const settings = resolveSettings(currentSettings(), bindingLayer(module), options);
  return attachRecord(await runWithSettings(module, argumentsOf(input), settings, options));
}

/**
 * `run` with settings already resolved (the bound executor adds its binding layer). Its record, if any, is
 * not registered as a tape (a bound call returns plain data, which could not carry it). @internal
 */
export async function runWithSettings<T>(
  module: Module,
  args: readonly unknown[],
  settings: ExecutionSettings,
  options: { readonly signal?: AbortSignal; readonly runId?: string },
): Promise<RunResult<T>> {
  const runtime = new Runtime(settings, {
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    label: labelOf(module),
  });
  try {
    const checkpoint = settings.checkpoint
      ? await RunCheckpointing.open(settings.checkpoint, runtime.runId, runtime.clock)
      : undefined;
    const result = await runtime.execute<T>(module, {
      args,
      ...(checkpoint ? { prepare: (graph) => checkpoint.prepare(graph, args) } : {}),
    });
    await checkpoint?.finish(result);
    if (options.signal?.aborted) throw options.signal.reason;
    if (settings.strict && !result.ok) throw failureOf(result);
    return result;
  } finally {
    runtime.close();
  }
}
