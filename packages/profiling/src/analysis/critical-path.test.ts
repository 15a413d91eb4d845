import type { WeftEvent } from "@weft/core";
import { describe, expect, it } from "vitest";
import { graphNode, nodeEvent, runFinished, runStarted } from "../test-support/event-builders.js";
import { profileEvents } from "../test-support/profile-events.js";
import { stepTimes } from "../test-support/step-times.js";
import { analyzeTrace } from "./analyze-trace.js";

/** `map` expands (at 10) into three elements (element -> render -> ask); element 1's ask ends last (60). */
const TEMPLATE = {
  prefix: "map[*].",
  nodes: [
    graphNode("map[*].element", "input", []),
    graphNode("map[*].render", "render", ["map[*].element"]),
    graphNode("map[*].ask", "llm", ["map[*].render"], "fast"),
  ],
  outputs: ["map[*].ask"],
};
const ASK_ENDS = [30, 60, 40];

/** The run's events; `template` is what `node.expanded` carries (left out when undefined). */
function fanOutRun(template?: unknown): WeftEvent[] {
  const node = (type: Parameters<typeof nodeEvent>[0], time: number, id: string, kind: string) =>
    nodeEvent(type, time, id, { kind });
  return [
    runStarted(0, "r1", [
      graphNode("input", "input", []),
      graphNode("split", "leaf", ["input"]),
      graphNode("map", "map", ["split"]),
      graphNode("join", "leaf", ["map"]),
    ]),
    node("node.started", 0, "input", "input"),
    node("node.finished", 0, "input", "input"),
    node("node.started", 0, "split", "leaf"),
    node("node.finished", 10, "split", "leaf"),
    node("node.started", 10, "map", "map"),
    {
      type: "node.expanded",
      time: 10,
      context: { runId: "r1", nodeId: "map" },
      count: 3,
      ...(template === undefined ? {} : { template }),
    } as WeftEvent,
    ...ASK_ENDS.flatMap((end, index) => [
      node("node.started", 10, `map[${index}].element`, "input"),
      node("node.finished", 10, `map[${index}].element`, "input"),
      node("node.started", 10, `map[${index}].render`, "render"),
      node("node.finished", 10, `map[${index}].render`, "render"),
      node("node.started", 10, `map[${index}].ask`, "llm"),
      node("node.finished", end, `map[${index}].ask`, "llm"),
    ]),
    node("node.finished", 62, "map", "map"),
    node("node.started", 62, "join", "leaf"),
    node("node.finished", 70, "join", "leaf"),
    runFinished(70, "r1"),
  ];
}

const steps = (events: WeftEvent[]) => stepTimes(profileEvents(events).analyze().criticalPaths[0]?.steps);

describe("critical path through a fan-out", () => {
  it("goes through the element that ended last, then the fan-out's gather", () => {
    expect(steps(fanOutRun(TEMPLATE))).toEqual([
      { nodeId: "input", readyMs: 0, startMs: 0, endMs: 0, waitMs: 0, durationMs: 0 },
      { nodeId: "split", readyMs: 0, startMs: 0, endMs: 10, waitMs: 0, durationMs: 10 },
      { nodeId: "map[1].element", readyMs: 10, startMs: 10, endMs: 10, waitMs: 0, durationMs: 0 },
      { nodeId: "map[1].render", readyMs: 10, startMs: 10, endMs: 10, waitMs: 0, durationMs: 0 },
      { nodeId: "map[1].ask", readyMs: 10, startMs: 10, endMs: 60, waitMs: 0, durationMs: 50 },
      { nodeId: "map", readyMs: 60, startMs: 60, endMs: 62, waitMs: 0, durationMs: 2 },
      { nodeId: "join", readyMs: 62, startMs: 62, endMs: 70, waitMs: 0, durationMs: 8 },
    ]);
    const path = profileEvents(fanOutRun(TEMPLATE)).analyze().criticalPaths[0];
    expect(path?.totalMs).toBe(70);
    expect(path?.steps.reduce((sum, step) => sum + step.waitMs + step.durationMs, 0)).toBe(70);
  });

  it("reads the same path back from the trace file", () => {
    const profiler = profileEvents(fanOutRun(TEMPLATE));
    expect(analyzeTrace(JSON.parse(JSON.stringify(profiler)))).toEqual(profiler.analyze());
  });

  it("steps over a fan-out as one step when its template is missing or malformed", () => {
    for (const template of [
      undefined,
      null,
      { ...TEMPLATE, prefix: "map[0]." },
      { ...TEMPLATE, outputs: "ask" },
    ]) {
      expect(steps(fanOutRun(template))?.map((step) => step.nodeId)).toEqual([
        "input",
        "split",
        "map",
        "join",
      ]);
    }
  });
});
