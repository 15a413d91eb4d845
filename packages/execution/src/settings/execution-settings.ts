import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock, EventBus } from "@weft/core";
import type { BudgetTracker, ResourceConfigInput, ResourceManager } from "@weft/resources";
import type { CheckpointOptions } from "../checkpoint/checkpoint-options.js";
import type { Profiler, RuntimeEvent } from "../events/runtime-events.js";
import type { ExecNode } from "../graph/exec-node.js";
import type { LlmSettings } from "../llm/run-llm-node.js";
import type { PriorityMode } from "../scheduler/scheduler.js";

/**
 * How runs execute. Every field is optional; a run takes each field from, in order of precedence: the call's
 * options, the module's `bind(resources, options)`, the innermost {@link withSettings} scope that sets it (scopes
 * inherit from enclosing scopes), then the default stated here.
 */
export interface ExecutionSettings {
  /**
   * The resource manager LLM calls go through, or a resource config (a manager is built from it once per
   * config object and shared). Default: none (a graph with LLM nodes then fails with `no_resources`).
   */
  readonly resources?: ResourceManager | ResourceConfigInput;
  /**
   * Budget for the run's LLM calls, reserved before each call. A run started inside another run's node uses
   * `budget.child(label)` of the enclosing run's budget unless it is given its own. Default: none.
   */
  readonly budget?: BudgetTracker;
  /** Most nodes running at once over the whole run, batch or stream. Default: 100. */
  readonly maxConcurrency?: number;
  /** Order of ready nodes after user priorities. Default: `"critical-path"`. */
  readonly priority?: PriorityMode;
  /** Bound on each node over all its attempts (ms). Default: none. */
  readonly taskTimeoutMs?: number;
  /** Retries of a node whose leaf throws `TransientError`. Default: 0. */
  readonly maxTaskRetries?: number;
  /** Base backoff of those retries (doubled per retry), ms. Default: 1,000. */
  readonly taskRetryDelayMs?: number;
  /** Requeues of a node whose leaf throws `RateLimitError`. Default: 5. */
  readonly maxRateLimitRetries?: number;
  /** LLM node settings (structured-output attempts, tool steps, streaming, per-call timeout). */
  readonly llm?: LlmSettings;
  /** Checkpoints and resume. Default: none. */
  readonly checkpoint?: CheckpointOptions;
  /** Receives this run's runtime events and its resource events. Default: none. */
  readonly profiler?: Profiler;
  /** Where runtime events are emitted (CLI progress subscribes here). Default: none. */
  readonly events?: EventBus<RuntimeEvent>;
  /** Time source of the scheduler, timeouts and retries. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Record the per-node tape (plait-spec 9.2). Default: the module's `training` flag. */
  readonly record?: boolean;
  /**
   * Throw instead of returning a result that is not ok: an `ExecutionError` listing the failed nodes, or the
   * budget error when a budget stop cancelled LLM nodes and none failed. Default: false.
   */
  readonly strict?: boolean;
  /** Estimated cost of a node for critical-path priority. Default: 1 per LLM call, 0.5 per leaf, ~0 else. */
  readonly costOf?: (node: ExecNode<unknown>) => number;
}

const scopes = new AsyncLocalStorage<ExecutionSettings>();

/** Settings fields merged field by field instead of replaced. */
function merge(base: ExecutionSettings, over: ExecutionSettings): ExecutionSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    merged[key] = key === "llm" ? { ...base.llm, ...(value as LlmSettings) } : value;
  }
  return merged as ExecutionSettings;
}

/**
 * Runs `fn` with `settings` in scope: runs started inside it (also across `await`s, through
 * AsyncLocalStorage) use them unless their options or their module's binding say otherwise. A nested scope
 * inherits every field it does not set. Returns what `fn` returns.
 *
 * @example
 * ```ts
 * await withSettings({ resources: manager, taskTimeoutMs: 30_000 }, () => pipeline.bind(manager).call(text));
 * ```
 */
export function withSettings<T>(settings: ExecutionSettings, fn: () => T): T {
  return scopes.run(merge(scopes.getStore() ?? {}, settings), fn);
}

/** The settings in scope here (merged over enclosing scopes); `{}` outside any scope. */
export function currentSettings(): ExecutionSettings {
  return scopes.getStore() ?? {};
}

/** Merges settings by precedence, lowest first: `resolveSettings(scope, bound, call)`. */
export function resolveSettings(...layers: readonly (ExecutionSettings | undefined)[]): ExecutionSettings {
  let resolved: ExecutionSettings = {};
  for (const layer of layers) if (layer) resolved = merge(resolved, layer);
  return resolved;
}
