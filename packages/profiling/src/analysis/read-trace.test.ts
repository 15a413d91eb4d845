import { describe, expect, it } from "vitest";
import { ProfilingError } from "../errors/profiling-error.js";
import type { ProfileModel } from "../model/profile-model.js";
import { Profiler } from "../profiler/profiler.js";
import { call } from "../test-support/event-builders.js";
import { knownRunEvents } from "../test-support/known-run.js";
import { readTrace } from "./read-trace.js";

const byStart = <T extends { startMs: number }>(list: readonly T[], tie: (item: T) => string) =>
  [...list].sort((a, b) => a.startMs - b.startMs || tie(a).localeCompare(tie(b)));

function normalized(model: ProfileModel) {
  return {
    ...model,
    attempts: byStart(model.attempts, (a) => `${a.callId}/${a.attempt}`),
    calls: byStart(model.calls, (c) => `${c.callId}/${c.alias}`),
    nodes: byStart(model.nodes, (n) => n.nodeId),
    runs: [...model.runs].sort((a, b) => a.runId.localeCompare(b.runId)),
    marks: [...model.marks].sort((a, b) => a.timeMs - b.timeMs || a.name.localeCompare(b.name)),
  };
}

function invalid(trace: unknown): string {
  try {
    readTrace(trace);
  } catch (error) {
    if (ProfilingError.is(error) && error.code === "invalid_trace") return error.message;
    throw error;
  }
  throw new Error("readTrace accepted the trace");
}

describe("readTrace", () => {
  it("rebuilds from the file exactly the model the profiler wrote it from", () => {
    const profiler = new Profiler({ wallClock: () => 0, capacity: { fast: 2 } });
    for (const event of knownRunEvents()) profiler.onEvent(event);
    profiler.onEvent(call.started(161, "c9", "fast", 0));
    profiler.onEvent(call.limiter(162, "fast#0", 60));
    profiler.onEvent(call.cached(163, "c10", "slow"));
    const file = JSON.parse(JSON.stringify(profiler.toJSON()));
    expect(normalized(readTrace(file))).toEqual(normalized(profiler.snapshot()));
  });

  it("reads foreign traces and bare event arrays, ignoring other categories", () => {
    const model = readTrace([
      { name: "work", cat: "v8", ph: "X", ts: 1000, dur: 4000, pid: 1, tid: 1 },
      { name: "tick", ph: "i", ts: 2000, pid: 1, tid: 1, s: "t" },
    ]);
    expect(model.window).toEqual({ startMs: 1, endMs: 5 });
    expect(model.attempts).toEqual([]);
    expect(model.marks).toEqual([{ name: "tick", category: "", timeMs: 2, args: {} }]);
  });

  it("names the event and field that break weft's conventions", () => {
    expect(invalid({ events: [] })).toBe(
      "trace: expected an object with a traceEvents array, or an array of events",
    );
    expect(invalid({ traceEvents: [{ ph: "B", pid: 1, tid: 1 }] })).toBe("traceEvents[0] has no numeric ts");
    expect(invalid({ traceEvents: [{ name: "a", ph: "E", ts: 0, pid: 1, tid: 1 }] })).toBe(
      "traceEvents[0]: E with no open B on thread 1:1",
    );
    const begin = { name: "a", cat: "llm_call", ph: "B", ts: 0, pid: 1, tid: 1, args: { callId: "c1" } };
    expect(invalid({ traceEvents: [begin, { ...begin, ph: "E", ts: 5, args: {} }] })).toBe(
      'traceEvents[0] (llm_call "a"): args.alias should be a string, got nothing',
    );
  });
});
