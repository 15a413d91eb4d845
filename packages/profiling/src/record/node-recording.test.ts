import { describe, expect, it } from "vitest";
import { readTrace } from "../analysis/read-trace.js";
import type { Mark } from "../model/profile-model.js";
import { call, graphNode, nodeEvent, runStarted } from "../test-support/event-builders.js";
import { profileEvents } from "../test-support/profile-events.js";

const profile = profileEvents;

describe("node recording", () => {
  it("spans a node from its first start to its last end, counting retries", () => {
    const nodes = profile([
      nodeEvent("node.queued", 0, "a", { kind: "llm", alias: "fast" }),
      nodeEvent("node.started", 1, "a"),
      nodeEvent("node.retried", 3, "a"),
      nodeEvent("node.started", 4, "a"),
      nodeEvent("node.finished", 7, "a"),
    ]).snapshot().nodes;
    expect(nodes).toEqual([
      {
        runId: "r1",
        nodeId: "a",
        kind: "llm",
        alias: "fast",
        modulePath: "root.a",
        queuedMs: 0,
        startMs: 1,
        endMs: 7,
        status: "finished",
        retries: 1,
      },
    ]);
  });

  it("keeps every node event of a long run, in order, across the log's chunks", () => {
    const count = 10_000; // 20k events: more than the first four chunks (1k, 2k, 4k and 8k rows) hold
    const events = [];
    for (let i = 0; i < count; i++) {
      events.push(nodeEvent("node.started", i, `n${i}`, { kind: i % 2 === 0 ? "op" : "llm" }));
      events.push(nodeEvent(i % 7 === 0 ? "node.failed" : "node.finished", i + 0.5, `n${i}`));
    }
    const nodes = profile(events).snapshot().nodes;
    expect(nodes).toHaveLength(count);
    const wrong = nodes.filter(
      (node, i) =>
        node.nodeId !== `n${i}` ||
        node.startMs !== i ||
        node.endMs !== i + 0.5 ||
        node.kind !== (i % 2 === 0 ? "op" : "llm") ||
        node.status !== (i % 7 === 0 ? "failed" : "finished"),
    );
    expect(wrong).toEqual([]);
  });

  it("takes missing fields from later events, then from the run's graph", () => {
    const nodes = profile([
      runStarted(0, "r1", [graphNode("a", "leaf", []), graphNode("b", "llm", ["a"], "smart")]),
      nodeEvent("node.started", 1, "a"),
      nodeEvent("node.finished", 2, "a", { kind: "op" }),
      nodeEvent("node.started", 2, "b"),
      nodeEvent("node.finished", 5, "b"),
    ]).snapshot().nodes;
    expect(nodes.map((node) => [node.nodeId, node.kind, node.alias])).toEqual([
      ["a", "leaf", undefined],
      ["b", "llm", "smart"],
    ]);
  });

  it("keeps the nodes of each batch item and each run apart", () => {
    const nodes = profile([
      nodeEvent("node.started", 0, "a", { itemId: "i1" }),
      nodeEvent("node.started", 1, "a", { itemId: "i2" }),
      nodeEvent("node.started", 2, "a", { runId: "r2" }),
      nodeEvent("node.finished", 3, "a", { itemId: "i2" }),
      nodeEvent("node.finished", 4, "a", { itemId: "i1" }),
      nodeEvent("node.failed", 5, "a", { runId: "r2" }),
    ]).snapshot().nodes;
    expect(nodes.map((node) => [node.runId, node.itemId, node.startMs, node.endMs, node.status])).toEqual([
      ["r1", "i1", 0, 4, "finished"],
      ["r1", "i2", 1, 3, "finished"],
      ["r2", undefined, 2, 5, "failed"],
    ]);
  });

  it("keeps node marks in arrival order among the resource marks, and writes them all to the file", () => {
    const profiler = profile([
      nodeEvent("node.started", 0, "a", { kind: "llm", alias: "fast" }),
      call.started(0, "c1", "fast", 0, { context: { runId: "r1", nodeId: "a" } }),
      call.rateLimited(2, "c1", "fast"),
      nodeEvent("node.retried", 2, "a"),
      call.retry(2, "c1", "fast", 1),
      nodeEvent("node.skipped", 3, "b"),
      nodeEvent("node.cancelled", 3, "c"),
      call.limiter(3, "fast#0", 30),
      nodeEvent("node.finished", 4, "a"),
    ]);
    const model = profiler.snapshot();
    expect(model.marks.map((mark) => [mark.name, mark.timeMs])).toEqual([
      ["429 rate limited", 2],
      ["node retried", 2],
      ["retry", 2],
      ["node skipped", 3],
      ["node cancelled", 3],
      ["limiter adjusted", 3],
    ]);
    expect(model.marks[1]).toMatchObject({ alias: "fast", runId: "r1", args: { nodeId: "a", kind: "llm" } });
    expect(model.nodes.map((node) => node.nodeId)).toEqual(["a"]);
    // The file orders ties by process, so it holds the same marks, not necessarily in the same order.
    const sorted = (marks: readonly Mark[]) =>
      [...marks].sort((a, b) => a.timeMs - b.timeMs || a.name.localeCompare(b.name));
    expect(sorted(readTrace(profiler.toJSON()).marks)).toEqual(sorted(model.marks));
  });
});
