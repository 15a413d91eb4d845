import {
  EventBus,
  LeafModule,
  LLMInference,
  ManualClock,
  Module,
  prompt,
  TransientError,
  type Value,
} from "@weft/core";
import { type RuntimeEvent, runBatch } from "@weft/execution";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { map } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { Profiler } from "./profiler.js";

/**
 * Splits a comma list. Throws on `boom`, so one item fails and cancels what depends on it; the first try on `a,b`
 * throws a transient error, so that node is retried and starts twice.
 */
class Words extends LeafModule {
  private triedAB = false;
  forward(text: string): string[] {
    if (text === "boom") throw new Error("no words in boom");
    if (text === "a,b" && !this.triedAB) {
      this.triedAB = true;
      throw new TransientError("try again");
    }
    return text.split(",");
  }
}

class Pipeline extends Module {
  words = new Words();
  ask = new LLMInference({ alias: "fast", maxTokens: 4 });
  forward(text: Value<string>) {
    return map(this.words.call(text), (word) => this.ask.call(prompt`say ${word}`));
  }
}

/**
 * Runs a three-item batch (one item fails in its leaf) on a manual clock with two profilers: the one passed to the
 * run reads node times from the runtime's node timeline; the other gets every node event from an events bus and
 * the calls from the manager, with the timeline taken off `run.started`, as a profiler fed by events alone would.
 */
async function profiledTwice() {
  const clock = new ManualClock();
  const model = new MockLanguageModel({
    clock,
    generate: "ok",
    delayMs: (call) => (JSON.stringify(call.request.messages).includes("say b") ? 30 : 10),
  });
  const resources = new ResourceManager({ aliases: { fast: { model, maxConcurrent: 2 } } }, { clock });
  const fromTimeline = new Profiler();
  const fromEvents = new Profiler();
  const events = new EventBus<RuntimeEvent>();
  const runtimeEvents: RuntimeEvent[] = [];
  events.onAny((event) => {
    runtimeEvents.push(event);
    fromEvents.onEvent(
      event.type === "run.started" ? ({ ...event, timeline: undefined } as RuntimeEvent) : event,
    );
  });
  fromEvents.attach(resources.events);
  const running = runBatch(new Pipeline(), ["a,b", "boom", "c"], {
    resources,
    clock,
    profiler: fromTimeline,
    events,
    maxTaskRetries: 1,
    taskRetryDelayMs: 5,
  });
  for (let guard = 0; guard < 1_000 && model.calls.length < 2; guard++) await clock.advance(0);
  await clock.advance(7);
  const during = { viaTimeline: fromTimeline.snapshot(), viaEvents: fromEvents.snapshot() };
  await clock.runAll(20);
  const results = await running;
  return { results, fromTimeline, fromEvents, runtimeEvents, during };
}

describe("node times from the runtime's node timeline", () => {
  it("give the same nodes, statuses and marks as the node events they stand for", async () => {
    const { results, fromTimeline, fromEvents, runtimeEvents, during } = await profiledTwice();
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(runtimeEvents.filter((event) => event.type === "node.retried")).toHaveLength(1);
    // Mid-run, with calls in flight: the same nodes, running ones ending at the same window end.
    expect(during.viaTimeline.nodes.some((node) => node.status === "running")).toBe(true);
    expect(during.viaTimeline.nodes).toEqual(during.viaEvents.nodes);
    expect(during.viaTimeline.window).toEqual(during.viaEvents.window);
    // The bus still got every per-node event; the profiler passed to the run got none of the three.
    expect(runtimeEvents.filter((event) => event.type === "node.started").length).toBeGreaterThan(6);
    // The timeline is the profiler's alone: the bus's run.started comes without it.
    const onBus = runtimeEvents.filter((event) => event.type === "run.started");
    expect(onBus).toHaveLength(3);
    expect(onBus.map((event) => event.timeline)).toEqual([undefined, undefined, undefined]);

    const viaTimeline = fromTimeline.snapshot();
    const viaEvents = fromEvents.snapshot();
    // In the same order too (lanes go lowest-free in start order, ties in this order).
    expect(viaTimeline.nodes).toEqual(viaEvents.nodes);
    const retried = viaTimeline.nodes.find((node) => node.retries > 0);
    expect(retried).toMatchObject({ itemId: "0", kind: "leaf", status: "finished", retries: 1 });
    expect(viaTimeline.marks).toEqual(viaEvents.marks);
    expect(viaTimeline.window).toEqual(viaEvents.window);
    const statuses = new Set(viaTimeline.nodes.map((node) => `${node.itemId}:${node.kind}:${node.status}`));
    expect(statuses).toContain("1:leaf:failed");
    expect(statuses).toContain("0:llm:finished");
    expect(fromTimeline.analyze().criticalPaths).toEqual(fromEvents.analyze().criticalPaths);
  });

  it("are read live: a snapshot during the run shows the calls' nodes running up to the latest node time", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, generate: "ok", delayMs: 50 });
    const resources = new ResourceManager({ aliases: { fast: { model, maxConcurrent: 4 } } }, { clock });
    const profiler = new Profiler();
    const running = runBatch(new Pipeline(), ["x,y"], { resources, clock, profiler });
    for (let guard = 0; guard < 1_000 && model.calls.length < 2; guard++) await clock.advance(0);
    await clock.advance(20);

    const during = profiler.snapshot();
    const llm = during.nodes.filter((node) => node.kind === "llm");
    expect(llm).toHaveLength(2);
    for (const node of llm) {
      expect(node.status).toBe("running");
      expect(node.endMs).toBe(during.window.endMs);
    }
    expect(during.nodes.find((node) => node.kind === "leaf")?.status).toBe("finished");

    await clock.runAll(10);
    await running;
    const after = profiler.snapshot();
    for (const node of after.nodes.filter((n) => n.kind === "llm")) {
      expect(node.status).toBe("finished");
      expect(node.endMs - node.startMs).toBe(50);
    }
  });

  it("from a timeline not made by weft: rows are read until one throws, and a malformed one is ignored", () => {
    const row = (nodeId: string) => ({ runId: "r", nodeId, modulePath: `m.${nodeId}` });
    const foreign = {
      size: 3,
      lastTime: 15,
      context: (at: number) => {
        if (at === 2) throw new Error("unreadable row");
        return row(`n${at}`);
      },
      kind: () => 7, // not a string: the node's kind falls back to the graph's
      alias: () => undefined,
      queuedAt: () => Number.NaN,
      startedAt: (at: number) => 10 + at,
      finishedAt: (at: number) => (at === 0 ? 15 : Number.NaN),
    };
    const profiler = new Profiler();
    const graph = { nodes: [{ id: "n0", kind: "leaf", modulePath: "m.n0", dependencies: [] }] };
    profiler.onEvent({
      type: "run.started",
      time: 0,
      context: { runId: "r" },
      graph,
      timeline: foreign,
    } as never);
    profiler.onEvent({
      type: "run.started",
      time: 0,
      context: { runId: "s" },
      timeline: { size: 1 },
    } as never);
    const nodes = profiler.snapshot().nodes;
    expect(nodes.map((node) => [node.nodeId, node.kind, node.status, node.startMs, node.endMs])).toEqual([
      ["n0", "leaf", "finished", 10, 15],
      ["n1", "unknown", "running", 11, 15],
    ]);
  });
});
