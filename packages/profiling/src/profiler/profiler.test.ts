import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBus, type WeftEvent } from "@weft/core";
import { describe, expect, it } from "vitest";
import { ProfilingError } from "../errors/profiling-error.js";
import { call, nodeEvent, runFinished } from "../test-support/event-builders.js";
import { knownRunEvents } from "../test-support/known-run.js";
import type { TraceEvent, TraceFile } from "../trace/trace-types.js";
import { validateTrace } from "../trace/validate-trace.js";
import { Profiler } from "./profiler.js";

function traceOf(events: readonly WeftEvent[], profiler = new Profiler({ wallClock: () => 0 })): TraceFile {
  for (const event of events) profiler.onEvent(event);
  return profiler.toJSON();
}

const pidOf = (trace: TraceFile, name: string) =>
  trace.traceEvents.find((event) => event.name === "process_name" && event.args?.name === name)?.pid;
const threadNames = (trace: TraceFile, pid: number | undefined) =>
  trace.traceEvents.filter((e) => e.name === "thread_name" && e.pid === pid).map((e) => e.args?.name);
const of = (trace: TraceFile, test: (event: TraceEvent) => boolean) => trace.traceEvents.filter(test);

describe("Profiler trace", () => {
  const trace = traceOf(knownRunEvents());

  it("emits only events that satisfy the Trace Event Format's fields and pairing rules", () => {
    expect(validateTrace(trace)).toEqual([]);
    expect(trace.metadata.total_events).toBe(trace.traceEvents.length);
    expect(trace.metadata.start_time).toBe("1970-01-01T00:00:00.000Z");
  });

  it("names a process per alias in order of first use and a thread per slot", () => {
    expect(pidOf(trace, "fast")).toBe(1);
    expect(pidOf(trace, "slow")).toBe(2);
    expect(pidOf(trace, "run r1")).toBe(3);
    expect(threadNames(trace, 1)).toEqual(["slot 0", "slot 1"]);
    expect(threadNames(trace, 3)).toEqual(["run", "compute 1", "graph 1", "graph 2", "graph 3"]);
  });

  it("draws each attempt on its slot thread with node, tokens, cost, attempt and outcome", () => {
    const attempts = of(trace, (e) => e.cat === "llm_call" && e.ph === "B" && e.pid === 1);
    expect(attempts.map((e) => [e.name, e.tid, e.ts])).toEqual([
      ["a", 1, 10_000],
      ["b", 2, 10_000],
      ["c", 2, 25_000],
      ["b", 1, 50_000],
    ]);
    const ends = of(trace, (e) => e.cat === "llm_call" && e.ph === "E" && e.pid === 1);
    expect(ends.map((e) => [e.ts, e.args?.outcome])).toEqual([
      [20_000, "rate_limited"],
      [30_000, "ok"],
      [30_000, "ok"],
      [80_000, "ok"],
    ]);
    expect(attempts[3]?.args).toMatchObject({ callId: "c2", attempt: 2, nodeId: "b", modulePath: "root.b" });
    expect(ends[3]?.args).toMatchObject({ inputTokens: 200, outputTokens: 20, costUsd: 0.5 });
    // call.finished of judge trails at 152 ms, the attempt ends after its 60 ms of service
    expect(of(trace, (e) => e.cat === "llm_call" && e.pid === 2).map((e) => e.ts)).toEqual([90_000, 150_000]);
  });

  it("gives queue, rate-limit, backoff and budget waits their own spans inside the call", () => {
    const spans = (id: string) =>
      of(trace, (e) => e.cat === "call" && e.id === id).map((e) => [e.ph, e.name, e.ts]);
    expect(spans("c3@fast")).toEqual([
      ["b", "call c", 10_000],
      ["b", "queue wait", 10_000],
      ["e", "queue wait", 20_000],
      ["b", "rate-limit wait", 20_000],
      ["e", "rate-limit wait", 25_000],
      ["e", "call c", 30_000],
    ]);
    expect(spans("c2@fast")).toContainEqual(["b", "retry backoff", 20_000]);
    expect(spans("c2@fast")).toContainEqual(["e", "retry backoff", 50_000]);
    expect(spans("c4@slow")).toContainEqual(["b", "budget wait", 85_000]);
  });

  it("marks 429s, retries and budget events as instants on the alias", () => {
    const instants = of(trace, (e) => e.ph === "i").map((e) => [e.name, e.pid, e.s, e.ts]);
    expect(instants).toEqual([
      ["429 rate limited", 1, "p", 20_000],
      ["retry", 1, "p", 20_000],
      ["budget reserved", 2, "p", 90_000],
    ]);
  });

  it("counts calls in flight and queued per alias", () => {
    const counters = of(trace, (e) => e.ph === "C" && e.pid === 1).map((e) => [e.ts, e.args]);
    expect(counters).toEqual([
      [10_000, { in_flight: 2, queued: 1 }],
      [20_000, { in_flight: 1, queued: 0 }],
      [25_000, { in_flight: 2, queued: 0 }],
      [30_000, { in_flight: 0, queued: 0 }],
      [50_000, { in_flight: 1, queued: 0 }],
      [80_000, { in_flight: 0, queued: 0 }],
    ]);
  });

  it("puts leaf modules on a compute lane and embeds the graph", () => {
    const computeTid = 2;
    expect(
      of(trace, (e) => e.cat === "node" && e.ph === "B" && e.tid === computeTid).map((e) => e.name),
    ).toEqual(["load"]);
    expect(trace.metadata.weft.runs[0]?.graph.nodes.map((node) => [node.id, node.dependencies])).toEqual([
      ["load", []],
      ["a", ["load"]],
      ["b", ["load"]],
      ["c", ["load"]],
      ["merge", ["a", "b", "c"]],
      ["judge", ["merge"]],
    ]);
    expect(trace.metadata.weft.window).toEqual({ startMs: 0, endMs: 160 });
  });

  it("links the critical path with flow events", () => {
    const flows = of(trace, (e) => e.cat === "critical_path").map((e) => [e.ph, e.ts, e.tid]);
    expect(flows).toEqual([
      ["s", 0, 2],
      ["t", 10_000, 5],
      ["t", 80_000, 3],
      ["f", 85_000, 3],
    ]);
  });
});

describe("Profiler recording", () => {
  it("ends an attempt whose slot was taken again before its call.finished arrived", () => {
    const profiler = new Profiler();
    const events = [
      call.started(0, "c1", "fast", 0),
      call.started(10, "c2", "fast", 0),
      call.finished(12, "c1", "fast", { serviceMs: 10, slot: 0 }),
    ];
    profiler.onEvent(events[0] as WeftEvent);
    profiler.onEvent(events[1] as WeftEvent);
    expect(profiler.snapshot().attempts.map((a) => [a.callId, a.startMs, a.endMs, a.outcome])).toEqual([
      ["c1", 0, 10, "in_flight"],
      ["c2", 10, 10, "in_flight"],
    ]);
    expect(validateTrace(profiler.toJSON())).toEqual([]);
    profiler.onEvent(events[2] as WeftEvent);
    expect(profiler.snapshot().attempts[0]).toMatchObject({ endMs: 10, outcome: "ok" });
  });

  it("splits a call that falls back into a span per alias", () => {
    const trace = traceOf([
      call.started(0, "c1", "fast", 0),
      call.attemptFailed(5, "c1", "fast", 0, "overloaded", 5),
      call.fallback(5, "c1", "fast", "slow"),
      call.started(7, "c1", "slow", 0),
      call.finished(9, "c1", "slow", { serviceMs: 2, slot: 0 }),
    ]);
    expect(validateTrace(trace)).toEqual([]);
    const parents = of(trace, (e) => e.cat === "call" && e.ph === "e" && e.name.startsWith("call"));
    expect(parents.map((e) => [e.id, e.ts, e.args?.outcome])).toEqual([
      ["c1@fast", 5_000, "fallback"],
      ["c1@slow", 9_000, "ok"],
    ]);
    expect(of(trace, (e) => e.ph === "i").map((e) => e.name)).toEqual(["fallback to slow"]);
  });

  it("records cache hits and limiter changes on the alias", () => {
    const trace = traceOf([
      call.started(0, "c1", "fast", 0),
      call.finished(4, "c1", "fast", { serviceMs: 4, slot: 0 }),
      call.limiter(5, "fast#0", 30),
      call.cached(6, "c2", "fast"),
    ]);
    expect(validateTrace(trace)).toEqual([]);
    expect(of(trace, (e) => e.ph === "i").map((e) => [e.name, e.pid])).toEqual([
      ["limiter adjusted", 1],
      ["cache hit", 1],
    ]);
    expect(of(trace, (e) => e.name === "rate fast#0").map((e) => e.args)).toEqual([{ rpm: 30 }]);
  });

  it("times the first token of a streamed attempt", () => {
    const trace = traceOf([
      call.started(0, "c1", "fast", 0),
      call.delta(3, "c1", "fast"),
      call.delta(4, "c1", "fast"),
      call.finished(9, "c1", "fast", { serviceMs: 9, slot: 0 }),
    ]);
    expect(of(trace, (e) => e.cat === "llm_call" && e.ph === "E")[0]?.args?.ttftMs).toBe(3);
  });

  it("ignores events it does not read and counts the ones it does", () => {
    const profiler = new Profiler();
    profiler.onEvent({ type: "something.else", time: 1 });
    profiler.onEvent({ type: "node.started", time: 2 });
    expect(profiler.recordedEvents).toBe(0);
    profiler.onEvent(call.started(5, "c1", "fast", 0));
    expect(profiler.recordedEvents).toBe(1);
    expect(profiler.snapshot().window).toEqual({ startMs: 0, endMs: 0 });
  });

  it("ignores an event of any kind whose time is not a finite number, and keeps the window", () => {
    const profiler = new Profiler();
    profiler.onEvent(call.started(5, "c1", "fast", 0));
    const timed = (event: WeftEvent, time: unknown) => ({ ...event, time }) as WeftEvent;
    for (const time of [Number.NaN, Number.POSITIVE_INFINITY, undefined, "7"]) {
      profiler.onEvent(timed(nodeEvent("node.started", 0, "n1"), time));
      profiler.onEvent(timed(call.finished(0, "c1", "fast", { serviceMs: 4, slot: 0 }), time));
      profiler.onEvent(timed(call.retry(0, "c1", "fast", 10), time));
      profiler.onEvent(timed(call.limiter(0, "fast#0", 10), time));
      profiler.onEvent(timed(runFinished(0, "r1"), time));
      profiler.onEvent(timed({ type: "item.done", time: 0, context: { runId: "r1", itemId: "0" } }, time));
    }
    expect(profiler.recordedEvents).toBe(1);
    expect(profiler.snapshot().window).toEqual({ startMs: 0, endMs: 0 });
    profiler.onEvent(nodeEvent("node.started", 6, "n1"));
    profiler.onEvent(call.limiter(7, "fast#0", 10));
    profiler.onEvent(runFinished(8, "r1"));
    profiler.onEvent(call.finished(9, "c1", "fast", { serviceMs: 4, slot: 0 }));
    expect(profiler.recordedEvents).toBe(5);
    expect(profiler.snapshot().window).toEqual({ startMs: 0, endMs: 4 });
  });

  it("subscribes to an event bus", () => {
    const bus = new EventBus<WeftEvent>();
    const profiler = new Profiler();
    const off = profiler.attach(bus);
    bus.emit(call.started(0, "c1", "fast", 0));
    off();
    bus.emit(call.finished(5, "c1", "fast", { serviceMs: 5, slot: 0 }));
    expect(profiler.snapshot().attempts).toHaveLength(1);
    expect(profiler.snapshot().attempts[0]?.outcome).toBe("in_flight");
  });

  it("flushes the trace to disk, creating directories", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-profile-"));
    const profiler = new Profiler({ path: join(dir, "nested", "run.trace.json") });
    for (const event of knownRunEvents()) profiler.onEvent(event);
    const written = await profiler.flush();
    const parsed = JSON.parse(await readFile(written, "utf8")) as TraceFile;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(profiler.toJSON())));
    await expect(new Profiler().flush()).rejects.toSatisfy(
      (error) => ProfilingError.is(error) && error.code === "no_path",
    );
  });
});
