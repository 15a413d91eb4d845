import { describe, expect, it } from "vitest";
import { TraceError } from "../errors/trace-error.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { getBoundExecutor, setBoundExecutor } from "./bound-executor.js";
import { getTraceHandler, isTracing, pushTraceHandler, withTraceHandler } from "./trace-handler.js";

describe("the dispatch slots", () => {
  it("getTraceHandler is the innermost handler, undefined outside a trace", () => {
    const outer = new RecordingTraceHandler();
    const inner = new RecordingTraceHandler();
    expect([getTraceHandler(), isTracing()]).toEqual([undefined, false]);
    withTraceHandler(outer, () => {
      expect(getTraceHandler()).toBe(outer);
      withTraceHandler(inner, () => expect(getTraceHandler()).toBe(inner));
      expect(getTraceHandler()).toBe(outer);
    });
    expect(isTracing()).toBe(false);
  });

  it("pushTraceHandler returns an idempotent pop that refuses out-of-order pops", () => {
    const first = new RecordingTraceHandler();
    const second = new RecordingTraceHandler();
    const popFirst = pushTraceHandler(first);
    const popSecond = pushTraceHandler(second);
    expect(popFirst).toThrow(TraceError);
    popSecond();
    popSecond();
    popFirst();
    expect(isTracing()).toBe(false);
  });

  it("setBoundExecutor installs, replaces and returns the previous executor", () => {
    const a = async () => "a";
    const b = async () => "b";
    expect(setBoundExecutor(a)).toBeUndefined();
    expect(getBoundExecutor()).toBe(a);
    expect(setBoundExecutor(b)).toBe(a);
    expect(setBoundExecutor(undefined)).toBe(b);
    expect(getBoundExecutor()).toBeUndefined();
  });

  it("lives on globalThis, so a second copy of core shares it", () => {
    const slot = (globalThis as Record<symbol, unknown>)[Symbol.for("weft.core.dispatch")] as {
      traceHandlers: unknown[];
    };
    const handler = new RecordingTraceHandler();
    withTraceHandler(handler, () => expect(slot.traceHandlers.at(-1)).toBe(handler));
  });
});
