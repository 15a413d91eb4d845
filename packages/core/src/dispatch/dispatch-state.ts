import type { BoundExecutor } from "./bound-executor.js";
import type { TraceHandler } from "./trace-handler.js";

/** The process-wide dispatch slots. @internal */
export interface DispatchState {
  readonly traceHandlers: TraceHandler[];
  boundExecutor: BoundExecutor | undefined;
}

const SLOT = Symbol.for("weft.core.dispatch");

/**
 * The slots live on `globalThis` under a `Symbol.for` key, so two installed copies of `@weft/core` (a
 * duplicate install) still agree on whether a trace is running and which executor is installed.
 * @internal
 */
export function dispatchState(): DispatchState {
  const holder = globalThis as { [SLOT]?: DispatchState };
  let state = holder[SLOT];
  if (!state) {
    state = { traceHandlers: [], boundExecutor: undefined };
    holder[SLOT] = state;
  }
  return state;
}
