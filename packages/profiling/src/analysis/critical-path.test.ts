import type { WeftEvent } from "@weft/core";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { ProfilingError } from "../errors/profiling-error.js";
import { renderHtmlTimeline } from "../html/render-html-timeline.js";
import { graphNode, nodeEvent, runFinished, runStarted } from "../test-support/event-builders.js";
import { profileEvents } from "../test-support/profile-events.js";
import { stepTimes } from "../test-support/step-times.js";
import type { TraceFile } from "../trace/trace-types.js";
import { analyzeTrace } from "./analyze-trace.js";
import { readTrace } from "./read-trace.js";

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

const GRAPH = [
  graphNode("input", "input", []),
  graphNode("split", "leaf", ["input"]),
  graphNode("map", "map", ["split"]),
  graphNode("join", "leaf", ["map"]),
];

/**
 * The run's events (of batch item `itemId` when given, without `run.started`/`run.finished`); `template` and `count`
 * are what `node.expanded` carries (the template left out when undefined).
 */
function fanOutNodes(
  template: unknown,
  count: number,
  askEnds: readonly number[],
  itemId?: string,
): WeftEvent[] {
  const node = (type: Parameters<typeof nodeEvent>[0], time: number, id: string, kind: string) =>
    nodeEvent(type, time, id, { kind, ...(itemId === undefined ? {} : { itemId }) });
  const lastEnd = Math.max(...askEnds);
  return [
    node("node.started", 0, "input", "input"),
    node("node.finished", 0, "input", "input"),
    node("node.started", 0, "split", "leaf"),
    node("node.finished", 10, "split", "leaf"),
    node("node.started", 10, "map", "map"),
    {
      type: "node.expanded",
      time: 10,
      context: { runId: "r1", nodeId: "map", ...(itemId === undefined ? {} : { itemId }) },
      count,
      ...(template === undefined ? {} : { template }),
    } as WeftEvent,
    ...askEnds.flatMap((end, index) => [
      node("node.started", 10, `map[${index}].element`, "input"),
      node("node.finished", 10, `map[${index}].element`, "input"),
      node("node.started", 10, `map[${index}].render`, "render"),
      node("node.finished", 10, `map[${index}].render`, "render"),
      node("node.started", 10, `map[${index}].ask`, "llm"),
      node("node.finished", end, `map[${index}].ask`, "llm"),
    ]),
    node("node.finished", lastEnd + 2, "map", "map"),
    node("node.started", lastEnd + 2, "join", "leaf"),
    node("node.finished", lastEnd + 10, "join", "leaf"),
  ];
}

/** The run's events; `template` is what `node.expanded` carries (left out when undefined). */
function fanOutRun(template?: unknown, count = 3): WeftEvent[] {
  return [runStarted(0, "r1", GRAPH), ...fanOutNodes(template, count, ASK_ENDS), runFinished(70, "r1")];
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

  it("reads the same path back from the trace file, which holds the template once, not every element", () => {
    const profiler = profileEvents(fanOutRun(TEMPLATE));
    const file = JSON.parse(JSON.stringify(profiler)) as TraceFile;
    const [embedded] = file.metadata.weft.runs;
    expect(embedded?.graph.nodes.map((node) => node.id)).toEqual(["input", "split", "map", "join"]);
    expect(embedded?.expansions).toEqual([{ nodeId: "map", count: 3, template: TEMPLATE }]);
    expect(analyzeTrace(file)).toEqual(profiler.analyze());
  });

  it("analyses a file whose fan-out claims far more elements than ran as the elements that ran", () => {
    const file = JSON.parse(JSON.stringify(profileEvents(fanOutRun(TEMPLATE))));
    file.metadata.weft.runs[0].expansions[0].count = 1e12;
    expect(stepTimes(analyzeTrace(file).criticalPaths[0]?.steps)?.map((step) => step.nodeId)).toContain(
      "map[1].ask",
    );
  });

  it("names the malformed fan-out of a trace file", () => {
    const broken = (edit: (expansion: Record<string, unknown>) => void) => {
      const file = JSON.parse(JSON.stringify(profileEvents(fanOutRun(TEMPLATE))));
      edit(file.metadata.weft.runs[0].expansions[0]);
      return () => readTrace(file);
    };
    const field = "metadata.weft.runs[0].expansions[0]";
    expect(broken((e) => (e.count = "3"))).toThrow(`${field} has no positive integer count`);
    expect(broken((e) => delete e.nodeId)).toThrow(`${field} has no string nodeId`);
    expect(broken((e) => (e.template = { prefix: "map.", nodes: [], outputs: [] }))).toThrow(
      `${field} has no valid template`,
    );
    expect(broken((e) => (e.template = 1))).toThrow(ProfilingError);
    expect(broken((e) => (e.nodeId = "split"))).toThrow(
      `${field} has a template prefix other than split[*].`,
    );
    const twice = JSON.parse(JSON.stringify(profileEvents(fanOutRun(TEMPLATE))));
    const [only] = twice.metadata.weft.runs[0].expansions;
    twice.metadata.weft.runs[0].expansions.push(only);
    expect(() => readTrace(twice)).toThrow("metadata.weft.runs[0].expansions[1] repeats the fan-out map");
  });

  it("outlines only the fan-out's gather as critical in the HTML timeline", () => {
    const window = new Window();
    window.document.write(renderHtmlTimeline(profileEvents(fanOutRun(TEMPLATE)).toJSON()));
    const fanOut = [...window.document.querySelectorAll(".node")].find((span) => span.textContent === "map");
    expect(fanOut?.classList.contains("holds-critical")).toBe(true);
    expect(fanOut?.classList.contains("critical")).toBe(false);
    expect(fanOut?.getAttribute("title")).toContain("on the critical path from 60 ms (its gather)");
    // The overlay covers 60-62 ms of the 0-70 ms window.
    const gather = fanOut?.nextElementSibling;
    expect(gather?.className).toBe("gather critical");
    expect(gather?.getAttribute("style")).toBe("left:85.7143%;width:2.8571%");
    expect(window.document.querySelectorAll(".span.gather")).toHaveLength(0);
  });

  it("keeps a batch's largest fan-out: each item's path goes through its own slowest element", () => {
    const events = [
      runStarted(0, "r1", GRAPH),
      ...fanOutNodes(TEMPLATE, 3, ASK_ENDS, "0"),
      // A later item with a shorter list must not shrink the graph the first item's path needs.
      ...fanOutNodes(TEMPLATE, 1, [25], "1"),
      runFinished(70, "r1"),
    ];
    const paths = profileEvents(events).analyze().criticalPaths;
    const through = (itemId: string) =>
      paths.find((path) => path.itemId === itemId)?.steps.find((step) => step.kind === "llm")?.nodeId;
    expect([through("0"), through("1")]).toEqual(["map[1].ask", "map[0].ask"]);
  });

  it("steps over a fan-out as one step when its count is not a positive integer", () => {
    for (const count of [0, -1, 2.5, Number.NaN]) {
      expect(steps(fanOutRun(TEMPLATE, count))?.map((step) => step.nodeId)).toEqual([
        "input",
        "split",
        "map",
        "join",
      ]);
    }
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
