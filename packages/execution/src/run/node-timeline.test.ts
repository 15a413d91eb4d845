import { EventBus, LeafModule, LLMInference, ManualClock, Module, prompt, type Value } from "@weft/core";
import { MockLanguageModel } from "@weft/testing";
import { map } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import type { RuntimeEvent } from "../events/runtime-events.js";
import { managerFor } from "../test-support/run-kit.js";
import { NodeTimeline, type NodeTimelineView, type TimelineItem } from "./node-timeline.js";
import { run } from "./run.js";

const node = (id: string, kind = "op", alias?: string) => ({ id, modulePath: `m.${id}`, kind, alias });

describe("NodeTimeline", () => {
  it("keeps a row per node and item: the first queue time, the first start and the last finish", () => {
    const timeline = new NodeTimeline();
    const first: TimelineItem = { runId: "r", itemId: "0" };
    const second: TimelineItem = { runId: "r", itemId: "1" };
    const a = node("a", "llm", "fast");
    timeline.queued(a, first, 1);
    timeline.started(a, first, 2);
    timeline.started(a, first, 5); // a retry: the slice still begins at the first start
    timeline.finished(a, first, 7);
    timeline.queued(a, first, 9); // queued again for a retry: the first queue time stays
    timeline.started(a, second, 8); // the same node object in another item is another row
    expect(timeline.size).toBe(2);
    expect([timeline.queuedAt(0), timeline.startedAt(0), timeline.finishedAt(0)]).toEqual([1, 2, 7]);
    expect(timeline.lastTime).toBe(9);
    expect(timeline.context(0)).toEqual({ runId: "r", itemId: "0", nodeId: "a", modulePath: "m.a" });
    expect([timeline.kind(0), timeline.alias(0)]).toEqual(["llm", "fast"]);
    expect(timeline.context(1).itemId).toBe("1");
    expect(timeline.queuedAt(1)).toBeNaN();
    expect(timeline.finishedAt(1)).toBeNaN();
    expect(() => timeline.startedAt(2)).toThrow(/row 2 is out of range \(0 to 1\)/);
  });

  it("grows past one chunk without losing rows", () => {
    const timeline = new NodeTimeline();
    const item: TimelineItem = { runId: "r", itemId: undefined };
    for (let index = 0; index < 5_000; index++) timeline.started(node(`n${index}`), item, index);
    expect(timeline.size).toBe(5_000);
    // Chunks of 16, 32, ... 1024 rows, then 2048: every row reads back what was written to it.
    const misread = [...Array(5_000).keys()].filter(
      (row) => timeline.startedAt(row) !== row || timeline.context(row).nodeId !== `n${row}`,
    );
    expect(misread).toEqual([]);
    expect(timeline.context(2_048)).toEqual({ runId: "r", nodeId: "n2048", modulePath: "m.n2048" });
    expect(timeline.lastTime).toBe(4_999);
  });
});

class Words extends LeafModule {
  forward(text: string): string[] {
    return text.split(",");
  }
}

class Fan extends Module {
  words = new Words();
  ask = new LLMInference({ alias: "fast" });
  forward(text: Value<string>) {
    return map(this.words.call(text), (word) => this.ask.call(prompt`say ${word}`));
  }
}

/** Every read moves time on by 1 ms, so two runs of the same graph see the same times. */
class TickingClock extends ManualClock {
  private reads = 0;
  override now(): number {
    this.reads += 1;
    return this.reads;
  }
}

const PER_NODE = new Set(["node.queued", "node.started", "node.finished"]);

async function profiled(nodeTimeline: boolean, events?: EventBus<RuntimeEvent>) {
  const clock = new TickingClock();
  const { manager } = managerFor({ fast: new MockLanguageModel({ generate: "ok" }) }, { clock });
  const seen: RuntimeEvent[] = [];
  const profiler = { nodeTimeline, onEvent: (event: unknown) => seen.push(event as RuntimeEvent) };
  const result = await run(new Fan(), "a,b,c", {
    resources: manager,
    clock,
    profiler,
    ...(events ? { events } : {}),
  });
  expect(result.ok).toBe(true);
  return seen;
}

describe("a run's node timeline", () => {
  it("holds the times of the per-node events a profiler that asks for it is not sent", async () => {
    const byEvents = await profiled(false);
    const withTimeline = await profiled(true);
    expect(withTimeline.filter((event) => PER_NODE.has(event.type))).toEqual([]);
    const timeline = withTimeline.find((event) => event.type === "run.started")?.timeline as NodeTimelineView;
    expect(byEvents.find((event) => event.type === "run.started")?.timeline).toBeUndefined();

    const expected = new Map<string, { queued: number; started: number; finished: number; kind: string }>();
    for (const event of byEvents) {
      if (!PER_NODE.has(event.type)) continue;
      const id = event.context.nodeId as string;
      const row = expected.get(id) ?? {
        queued: Number.NaN,
        started: Number.NaN,
        finished: Number.NaN,
        kind: "",
      };
      row.kind = (event as { kind: string }).kind;
      if (event.type === "node.queued" && Number.isNaN(row.queued)) row.queued = event.time;
      if (event.type === "node.started" && Number.isNaN(row.started)) row.started = event.time;
      if (event.type === "node.finished") row.finished = event.time;
      expected.set(id, row);
    }
    const rows = new Map<string, { queued: number; started: number; finished: number; kind: string }>();
    for (let row = 0; row < timeline.size; row++) {
      rows.set(timeline.context(row).nodeId, {
        queued: timeline.queuedAt(row),
        started: timeline.startedAt(row),
        finished: timeline.finishedAt(row),
        kind: timeline.kind(row),
      });
    }
    expect(rows.size).toBeGreaterThan(6);
    expect(rows).toEqual(expected);
    // The LLM nodes' rows carry the alias; the call events still name each node's context.
    const llmRows = [...Array(timeline.size).keys()].filter((row) => timeline.kind(row) === "llm");
    expect(llmRows.map((row) => timeline.alias(row))).toEqual(["fast", "fast", "fast"]);
    expect(withTimeline.filter((event) => (event.type as string) === "call.started")).toHaveLength(3);
  });

  it("still sends the per-node events to an events bus beside the profiler", async () => {
    const events = new EventBus<RuntimeEvent>();
    const onBus: RuntimeEvent[] = [];
    events.onAny((event) => onBus.push(event));
    const seen = await profiled(true, events);
    expect(seen.filter((event) => PER_NODE.has(event.type))).toEqual([]);
    const started = onBus.filter((event) => event.type === "node.started");
    expect(started.length).toBeGreaterThan(6);
    // Not reused objects: a bus subscriber may keep them.
    expect(new Set(started).size).toBe(started.length);
  });
});
