import { AsyncLocalStorage } from "node:async_hooks";
import type { FeedbackSink } from "./backward-types.js";

const scoped = new AsyncLocalStorage<FeedbackSink>();
let fallback: FeedbackSink | undefined;

/** Makes `sink` the process-wide default optimizer of backward passes. @internal */
export function setDefaultSink(sink: FeedbackSink | undefined): void {
  fallback = sink;
}

/** Runs `fn` with `sink` as the active optimizer (also across `await`s). @internal */
export function withSink<T>(sink: FeedbackSink, fn: () => T): T {
  return scoped.run(sink, fn);
}

/** The optimizer a backward pass reports to: the scoped one, else the process-wide default. @internal */
export function activeSink(): FeedbackSink | undefined {
  return scoped.getStore() ?? fallback;
}
