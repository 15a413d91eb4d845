import { describe, expect, it } from "vitest";
import type { TraceEvent } from "./trace-types.js";
import { validateTrace } from "./validate-trace.js";

const named: TraceEvent[] = [
  { name: "process_name", ph: "M", ts: 0, pid: 1, tid: 0, args: { name: "fast" } },
  { name: "thread_name", ph: "M", ts: 0, pid: 1, tid: 1, args: { name: "slot 0" } },
];
const slice = (ph: string, ts: number, name = "a", extra: Partial<TraceEvent> = {}): TraceEvent => ({
  name,
  ph,
  ts,
  pid: 1,
  tid: 1,
  ...extra,
});
const messages = (events: unknown[], requireNames = true) =>
  validateTrace({ traceEvents: events }, { requireNames }).map((issue) => issue.message);

describe("validateTrace", () => {
  it("accepts nested and touching slices, counters, instants, async pairs and flows", () => {
    const events: TraceEvent[] = [
      ...named,
      slice("B", 0, "outer"),
      slice("X", 1, "inner", { dur: 2 }),
      slice("E", 5, "outer"),
      slice("B", 5, "next"),
      slice("E", 5, "next"),
      { name: "calls", ph: "C", ts: 0, pid: 1, tid: 0, args: { in_flight: 1 } },
      { name: "429", cat: "rate_limit", ph: "i", ts: 2, pid: 1, tid: 0, s: "p" },
      { name: "call", cat: "call", ph: "b", ts: 0, pid: 1, tid: 0, id: "c1" },
      { name: "wait", cat: "call", ph: "b", ts: 0, pid: 1, tid: 0, id: "c1" },
      { name: "wait", cat: "call", ph: "e", ts: 1, pid: 1, tid: 0, id: "c1" },
      { name: "call", cat: "call", ph: "e", ts: 3, pid: 1, tid: 0, id: "c1" },
      { name: "p", cat: "flow", ph: "s", ts: 0, pid: 1, tid: 1, id: 1 },
      { name: "p", cat: "flow", ph: "t", ts: 1, pid: 1, tid: 1, id: 1 },
      { name: "p", cat: "flow", ph: "f", ts: 5, pid: 1, tid: 1, id: 1, bp: "e" },
    ];
    expect(validateTrace({ traceEvents: events })).toEqual([]);
  });

  it("rejects missing required fields per phase", () => {
    expect(messages([{ ph: "B", ts: 0, pid: 1, tid: 1 }], false)).toEqual(["name is not a string"]);
    expect(messages([{ name: "a", ph: "B", ts: "0", pid: 1, tid: 1 }], false)).toEqual([
      "ts is not a finite number",
    ]);
    expect(messages([{ name: "a", ph: "Q", ts: 0, pid: 1, tid: 1 }], false)).toEqual(['unknown phase "Q"']);
    expect(messages([slice("X", 0)], false)).toEqual(["X event without a non-negative dur"]);
    expect(messages([{ name: "c", ph: "C", ts: 0, pid: 1, tid: 0, args: { a: "1" } }], false)).toEqual([
      "counter args must all be numbers",
    ]);
    expect(messages([{ name: "process_title", ph: "M", ts: 0, pid: 1, tid: 0, args: {} }], false)).toEqual([
      "unknown metadata event process_title",
    ]);
    expect(messages([{ name: "thread_name", ph: "M", ts: 0, pid: 1, tid: 0, args: {} }], false)).toEqual([
      "thread_name without args.name",
    ]);
    expect(messages([{ name: "w", cat: "call", ph: "b", ts: 0, pid: 1, tid: 0 }], false)).toEqual([
      "b event without an id",
    ]);
    expect(messages([{ name: "i", ph: "i", ts: 0, pid: 1, tid: 0, s: "x" }], false)).toEqual([
      "instant scope not g, p or t",
    ]);
  });

  it("enforces B/E pairing and nesting per thread", () => {
    expect(messages([...named, slice("E", 1)])).toEqual(["E without an open B on thread 1:1"]);
    expect(messages([...named, slice("B", 0, "a"), slice("E", 1, "b")])).toEqual(['E "b" closes B "a"']);
    expect(messages([...named, slice("B", 0)])).toEqual(["B never ended on thread 1:1"]);
    expect(
      messages([...named, slice("B", 0, "a"), slice("E", 10, "a"), slice("X", 5, "x", { dur: 10 })]),
    ).toEqual(["slice overlaps slice at 2 on thread 1:1"]);
    // a slice on another thread may overlap freely
    expect(
      messages([...named, slice("B", 0), slice("E", 10), slice("X", 5, "x", { dur: 10, tid: 2 })], false),
    ).toEqual([]);
  });

  it("enforces async pairing per category and id", () => {
    const b = { name: "call", cat: "call", ph: "b", ts: 0, pid: 1, tid: 0, id: "c1" };
    expect(messages([...named, { ...b, ph: "e" }])).toEqual(["e without an open b for id c1"]);
    expect(messages([...named, b])).toEqual(["b never ended for id c1"]);
    expect(messages([...named, b, { ...b, ph: "e", name: "other" }])).toEqual(['e "other" closes b "call"']);
  });

  it("enforces flow order", () => {
    const flow = (ph: string, ts: number) => ({ name: "p", cat: "flow", ph, ts, pid: 1, tid: 1, id: 7 });
    expect(messages([...named, flow("f", 0)])).toEqual(["flow f before its start for id 7"]);
    expect(messages([...named, flow("s", 0), flow("s", 1)])).toEqual(["second flow start for id 7"]);
    expect(messages([...named, flow("s", 5), flow("t", 1)])).toEqual([
      "flow t earlier than the previous step for id 7",
    ]);
    expect(messages([...named, flow("s", 0), flow("f", 1), flow("t", 2)])).toEqual([
      "flow t after its end for id 7",
    ]);
  });

  it("requires names for processes and threads with slices", () => {
    expect(messages([{ name: "a", ph: "X", ts: 0, dur: 1, pid: 2, tid: 3 }])).toEqual([
      "process 2 has no process_name",
      "thread 2:3 has no thread_name",
    ]);
  });

  it("reports a file with no event list", () => {
    expect(validateTrace({})).toEqual([{ index: -1, message: "no traceEvents array" }]);
  });
});
