import { ManualClock } from "@weft/core";
import { WeftError } from "@weft/provider";
import { describe, expect, it } from "vitest";
import type { RuntimeEvent } from "../events/runtime-events.js";
import type { ExecNode } from "../graph/exec-node.js";
import { Scheduler } from "../scheduler/scheduler.js";
import { TaskStatus } from "../state/task-status.js";
import { type Deferred, deferred, settle, testNode } from "../test-support/graph-fixtures.js";
import { GraphExecution, type GraphExecutionOptions } from "./graph-execution.js";

/** Stands in for core's RateLimitError / TransientError, which the scheduler recognises by code. */
class LeafSignal extends WeftError {
  constructor(
    code: "rate_limit" | "transient" | "budget_exceeded",
    readonly retryAfterMs?: number,
  ) {
    super(code, code);
  }
}

function setup(
  nodes: ExecNode<number>[],
  options: Partial<GraphExecutionOptions<number>> & { maxConcurrency?: number } = {},
) {
  const clock = new ManualClock();
  const events: RuntimeEvent[] = [];
  const scheduler = options.scheduler ?? new Scheduler({ maxConcurrency: options.maxConcurrency ?? 10 });
  const graph = new GraphExecution<number>(nodes, {
    clock,
    runId: "r1",
    emit: (event) => events.push(event),
    ...options,
    scheduler,
  });
  return { clock, events, graph, scheduler };
}

/** A node that waits for the test to release it, recording its start. */
function gated(
  id: string,
  deps: string[],
  starts: string[],
  gates: Map<string, Deferred<number>>,
  options = {},
) {
  return testNode(id, deps, {
    ...options,
    run: async () => {
      starts.push(id);
      const gate = deferred<number>();
      gates.set(id, gate);
      return { value: await gate.promise };
    },
  });
}

describe("GraphExecution on a Scheduler (plait-spec 7.3)", () => {
  it("runs a diamond and passes results along", async () => {
    const { graph } = setup([
      testNode("a"),
      testNode("b", ["a"]),
      testNode("c", ["a"]),
      testNode("d", ["b", "c"]),
    ]);
    await graph.start();
    expect(graph.state.result("d")).toBe(5);
  });

  it("never runs more nodes at once than the global cap, across graphs sharing the scheduler", async () => {
    const scheduler = new Scheduler({ maxConcurrency: 3 });
    const starts: string[] = [];
    const gates = new Map<string, Deferred<number>>();
    const graphs = [0, 1].map(
      (g) =>
        setup(
          Array.from({ length: 5 }, (_, i) => gated(`g${g}n${i}`, [], starts, gates)),
          { scheduler },
        ).graph,
    );
    const done = Promise.all(graphs.map((graph) => graph.start()));
    await settle();
    expect(starts).toHaveLength(3);
    expect(scheduler.active).toBe(3);
    let maxActive = 0;
    while (starts.length < 10 || [...gates.values()].length < 10) {
      const open = [...gates.entries()].find(([id]) => starts.includes(id));
      if (!open) break;
      gates.delete(open[0]);
      open[1].resolve(1);
      await settle();
      maxActive = Math.max(maxActive, scheduler.active);
    }
    for (const gate of gates.values()) gate.resolve(1);
    await done;
    expect(starts).toHaveLength(10);
    expect(maxActive).toBeLessThanOrEqual(3);
  });

  it("orders ready nodes by user priority first, then critical path; FIFO on request", async () => {
    const order = async (priorityMode: "critical-path" | "fifo") => {
      const starts: string[] = [];
      const record = (id: string, deps: string[] = [], extra = {}) =>
        testNode(id, deps, {
          ...extra,
          run: (context) => {
            starts.push(id);
            return { value: deps.length ? (context.resultOf(deps[0] as string) ?? 0) + 1 : 1 };
          },
        });
      const { graph } = setup(
        [
          record("short1"),
          record("short2"),
          record("chain1"),
          record("chain2", ["chain1"]),
          record("chain3", ["chain2"]),
          record("urgent", [], { priority: -1 }),
        ],
        { maxConcurrency: 1, priorityMode },
      );
      await graph.start();
      return starts;
    };
    expect((await order("critical-path")).slice(0, 2)).toEqual(["urgent", "chain1"]);
    expect((await order("fifo")).slice(0, 3)).toEqual(["urgent", "short1", "short2"]);
  });

  it("waits without polling: an idle run has no timer pending", async () => {
    const starts: string[] = [];
    const gates = new Map<string, Deferred<number>>();
    const { graph, clock } = setup([gated("a", [], starts, gates), testNode("b", ["a"])]);
    const done = graph.start();
    await settle();
    expect(clock.pending).toBe(0);
    gates.get("a")?.resolve(1);
    await done;
    expect(graph.state.result("b")).toBe(2);
  });

  it("fails a node, cancels exactly its descendants, and finishes the independent branch", async () => {
    const { graph, events } = setup([
      testNode("a"),
      testNode("bad", ["a"], {
        run: () => {
          throw new Error("broken leaf");
        },
      }),
      testNode("after", ["bad"]),
      testNode("other", ["a"]),
    ]);
    await graph.start();
    expect(graph.state.status("bad")).toBe(TaskStatus.FAILED);
    expect(graph.state.status("after")).toBe(TaskStatus.CANCELLED);
    expect(graph.state.result("other")).toBe(2);
    const failed = events.filter((e) => e.type === "node.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      context: { nodeId: "bad" },
      error: { message: "broken leaf" },
    });
    const cancelled = events.find((e) => e.type === "node.cancelled");
    expect(cancelled).toMatchObject({
      reason: "ancestor_failed",
      cause: "bad",
      context: { nodeId: "after" },
    });
    expect(events.at(-1)).toMatchObject({ type: "run.finished", status: "failed", failed: ["bad"] });
  });

  it("does not retry an ordinary error", async () => {
    let calls = 0;
    const { graph } = setup(
      [
        testNode("a", [], {
          run: () => {
            calls++;
            throw new Error("no");
          },
        }),
      ],
      { maxTaskRetries: 3 },
    );
    await graph.start();
    expect(calls).toBe(1);
  });

  it("retries a TransientError with exponential backoff up to maxTaskRetries, then fails", async () => {
    const times: number[] = [];
    const { graph, clock, events } = setup(
      [
        testNode("a", [], {
          run: () => {
            times.push(clock.now());
            throw new LeafSignal("transient");
          },
        }),
      ],
      { maxTaskRetries: 2, taskRetryDelayMs: 100 },
    );
    const done = graph.start();
    await clock.runAll();
    await done;
    expect(times).toEqual([0, 100, 300]);
    expect(graph.state.status("a")).toBe(TaskStatus.FAILED);
    expect(
      events.filter((e) => e.type === "node.retried").map((e) => (e as { attempt: number }).attempt),
    ).toEqual([1, 2]);
  });

  it("requeues a RateLimitError after its retryAfterMs, with a cap", async () => {
    let calls = 0;
    const times: number[] = [];
    const { graph, clock } = setup(
      [
        testNode("a", [], {
          run: () => {
            calls++;
            times.push(clock.now());
            if (calls < 3) throw new LeafSignal("rate_limit", 250);
            return { value: 42 };
          },
        }),
      ],
      { maxRateLimitRetries: 5 },
    );
    const done = graph.start();
    await clock.runAll();
    await done;
    expect(graph.state.result("a")).toBe(42);
    expect(times).toEqual([0, 250, 500]);
    expect(graph.state.retryCount("a")).toBe(2);

    calls = -100;
    const capped = setup(
      [
        testNode("b", [], {
          run: () => {
            throw new LeafSignal("rate_limit", 10);
          },
        }),
      ],
      { maxRateLimitRetries: 2 },
    );
    const cappedDone = capped.graph.start();
    await capped.clock.runAll();
    await cappedDone;
    expect(capped.graph.state.status("b")).toBe(TaskStatus.FAILED);
    expect(capped.graph.state.retryCount("b")).toBe(2);
  });

  it("bounds all attempts of a node with the task timeout and never retries a timeout", async () => {
    let calls = 0;
    const { graph, clock } = setup(
      [
        testNode("slow", [], {
          run: async (context) => {
            calls++;
            await clock.sleep(400, context.signal);
            throw new LeafSignal("transient");
          },
        }),
      ],
      { taskTimeoutMs: 1_000, maxTaskRetries: 10, taskRetryDelayMs: 100 },
    );
    const done = graph.start();
    await clock.runAll();
    await done;
    // Attempts at 0-400 and 500-900; the timeout fires at 1,000 during the second backoff (until 1,100).
    expect(calls).toBe(2);
    expect(graph.state.status("slow")).toBe(TaskStatus.FAILED);
    expect(graph.state.error("slow")).toMatchObject({
      code: "task_timeout",
      nodeId: "slow",
      timeoutMs: 1_000,
    });
  });

  it("aborts: the signal reaches running nodes and every other node is cancelled", async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const { graph, clock } = setup(
      [
        testNode("running", [], {
          run: async (context) => {
            await clock.sleep(10_000, context.signal).catch((error: unknown) => {
              seen.push(error);
              throw error;
            });
            return { value: 1 };
          },
        }),
        testNode("waiting", ["running"]),
      ],
      { signal: controller.signal },
    );
    const done = graph.start();
    await settle();
    controller.abort(new Error("user stop"));
    await done;
    expect(seen).toHaveLength(1);
    expect(graph.state.status("running")).toBe(TaskStatus.CANCELLED);
    expect(graph.state.status("waiting")).toBe(TaskStatus.CANCELLED);
    expect(graph.isAborted).toBe(true);
  });

  it("stops starting LLM tasks once a budget error happened", async () => {
    const { graph } = setup(
      [
        testNode("first", [], {
          kind: "llm",
          run: () => {
            throw new LeafSignal("budget_exceeded");
          },
        }),
        testNode("second", [], { kind: "llm", cost: 0 }),
        testNode("leaf", [], { kind: "leaf", cost: 0 }),
      ],
      { maxConcurrency: 1 },
    );
    await graph.start();
    expect(graph.state.status("first")).toBe(TaskStatus.FAILED);
    expect(graph.state.status("second")).toBe(TaskStatus.CANCELLED);
    expect(graph.state.result("leaf")).toBe(1);
  });

  it("reports a graph whose LLM nodes a budget stop cancelled as stopped, not completed", async () => {
    const reason = new LeafSignal("budget_exceeded");
    const { graph, events } = setup(
      [
        testNode("leaf", [], { kind: "leaf" }),
        testNode("llm", ["leaf"], { kind: "llm" }),
        testNode("after", ["llm"], { kind: "leaf" }),
      ],
      { llmStop: { reason } },
    );
    await graph.start();
    expect(graph.state.result("leaf")).toBe(1);
    expect(graph.state.status("llm")).toBe(TaskStatus.CANCELLED);
    expect(graph.state.status("after")).toBe(TaskStatus.CANCELLED);
    expect(graph.status).toBe("stopped");
    expect(graph.stopReason).toBe(reason);
    expect(events.find((event) => event.type === "run.finished")).toMatchObject({
      status: "stopped",
      failed: [],
    });
    const untouched = setup([testNode("leaf", [], { kind: "leaf" }), testNode("llm", ["leaf"])]);
    await untouched.graph.start();
    expect(untouched.graph.status).toBe("completed");
  });

  it("sums the reports' usage, cost and calls once the graph is done, for run.finished and totals alike", async () => {
    const llm = (id: string, dependencies: string[], input: number, costUsd: number | undefined) =>
      testNode(id, dependencies, {
        run: () => ({
          value: input,
          details: {
            usage: { inputTokens: input, outputTokens: 1 },
            calls: 1,
            ...(costUsd === undefined ? {} : { costUsd }),
          },
        }),
      });
    const { graph, events } = setup([
      llm("a", [], 3, 0.5),
      llm("b", ["a"], 4, 0.25),
      llm("c", ["a"], 5, undefined),
    ]);
    await graph.start();
    expect(graph.totals).toEqual({ usage: { inputTokens: 12, outputTokens: 3 }, costUsd: 0.75, calls: 3 });
    expect(events.find((event) => event.type === "run.finished")).toMatchObject({
      usage: { inputTokens: 12, outputTokens: 3 },
      costUsd: 0.75,
    });
  });

  it("runs inline nodes without a slot", async () => {
    const scheduler = new Scheduler({ maxConcurrency: 1 });
    const starts: string[] = [];
    const gates = new Map<string, Deferred<number>>();
    const { graph } = setup(
      [
        gated("held", [], starts, gates),
        testNode("input", [], { inline: true }),
        testNode("op", ["input"], { inline: true }),
      ],
      { scheduler },
    );
    const done = graph.start();
    await settle();
    expect(graph.state.result("op")).toBe(2);
    gates.get("held")?.resolve(0);
    await done;
  });

  it("runs user leaf modules inline: they start while every slot is held, and are timed and reported", async () => {
    const scheduler = new Scheduler({ maxConcurrency: 1 });
    const starts: string[] = [];
    const gates = new Map<string, Deferred<number>>();
    const { graph, clock, events } = setup(
      [
        gated("held", [], starts, gates),
        gated("leafA", [], starts, gates, { kind: "leaf" }),
        gated("leafB", ["leafA"], starts, gates, { kind: "leaf" }),
      ],
      { scheduler },
    );
    const done = graph.start();
    await settle();
    expect([...starts].sort()).toEqual(["held", "leafA"]);
    expect(scheduler.active).toBe(1);
    await clock.advance(40);
    gates.get("leafA")?.resolve(1);
    await settle();
    expect(starts).toHaveLength(3);
    expect(starts[2]).toBe("leafB");
    gates.get("leafB")?.resolve(2);
    gates.get("held")?.resolve(0);
    await done;
    expect(graph.reports.get("leafA")).toMatchObject({ kind: "leaf", status: "completed", durationMs: 40 });
    const leafEvents = events.filter((event) => event.context?.nodeId === "leafB");
    expect(leafEvents.map((event) => event.type)).toEqual(["node.started", "node.finished"]);
  });

  it("expands a fan-out node at run time and gathers the element results", async () => {
    const element = (index: number): ExecNode<number> =>
      testNode(`map[${index}].double`, ["list"], {
        run: (context) => ({ value: (context.resultOf("list") ?? 0) * 10 + index }),
      });
    const { graph, events } = setup([
      testNode("list", [], { inline: true, run: () => ({ value: 3 }) }),
      testNode("map", ["list"], {
        inline: true,
        run: (context) => {
          const count = context.resultOf("list") ?? 0;
          const nodes = Array.from({ length: count }, (_, i) => element(i));
          return {
            expand: {
              nodes,
              count,
              waitFor: nodes.map((n) => n.id),
              gather: (gatherContext) => ({
                value: nodes.reduce((sum, n) => sum + (gatherContext.resultOf(n.id) ?? 0), 0),
              }),
            },
          };
        },
      }),
      testNode("after", ["map"]),
    ]);
    await graph.start();
    expect(graph.state.result("map")).toBe(30 + 31 + 32);
    expect(graph.state.result("after")).toBe(94);
    expect(events.find((e) => e.type === "node.expanded")).toMatchObject({ count: 3, nodes: 3 });
  });

  it("stamps a slot node's gather start after its expanded elements finished", async () => {
    const element = testNode("fan[0]", [], {
      run: async () => {
        await clock.sleep(100);
        return { value: 1 };
      },
    });
    const { graph, events, clock } = setup([
      testNode("fan", [], {
        run: () => ({
          expand: { nodes: [element], count: 1, waitFor: ["fan[0]"], gather: () => ({ value: 2 }) },
        }),
      }),
    ]);
    const done = graph.start();
    await settle();
    await clock.advance(100);
    await done;
    const timeline = events
      .filter((event) => event.type === "node.started" || event.type === "node.finished")
      .map((event) => `${event.type} ${event.context?.nodeId} ${event.time}`);
    expect(timeline).toEqual([
      "node.started fan 0",
      "node.started fan[0] 0",
      "node.finished fan[0] 100",
      "node.started fan 100",
      "node.finished fan 100",
    ]);
  });

  it("skips the route branch not taken and emits node.skipped", async () => {
    const { graph, events } = setup([
      testNode("route", [], { inline: true, run: () => ({ value: 1, skip: ["no"] }) }),
      testNode("yes", ["route"]),
      testNode("no", ["route"]),
      testNode("no2", ["no"]),
      testNode("merge", ["yes", "no2"], {
        joinsBranches: true,
        run: (c) => ({ value: c.resultOf("yes") ?? -1 }),
      }),
    ]);
    await graph.start();
    expect(graph.state.result("merge")).toBe(2);
    expect(graph.state.status("no2")).toBe(TaskStatus.SKIPPED);
    expect(
      events
        .filter((e) => e.type === "node.skipped")
        .map((e) => e.context.nodeId)
        .sort(),
    ).toEqual(["no", "no2"]);
  });

  it("emits queued, started and finished events with the node's kind and alias", async () => {
    const { graph, events } = setup([testNode("call", [], { kind: "llm", alias: "fast" })]);
    await graph.start();
    expect(events.map((e) => e.type)).toEqual([
      "run.started",
      "node.queued",
      "node.started",
      "node.finished",
      "run.finished",
    ]);
    expect(events[2]).toMatchObject({ kind: "llm", alias: "fast", context: { runId: "r1", nodeId: "call" } });
    expect(events[0]).toMatchObject({
      graph: { nodes: [{ id: "call", kind: "llm", alias: "fast", dependencies: [] }] },
    });
  });
});
