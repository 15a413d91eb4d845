import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, runBatch } from "@weft/execution";
import type { Usage } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeTrace } from "../analysis/analyze-trace.js";
import { aliasCapacities } from "../config/alias-capacities.js";
import type { GraphNodeInput } from "../input/runtime-events.js";
import { expandedGraph, observedElementsByRun } from "../record/expanded-graph.js";
import {
  PIPELINE_CRITICAL_PATH,
  PIPELINE_SLOTS,
  pipelineManager,
  stepName,
  WordPipeline,
} from "../test-support/real-pipeline.js";
import type { TraceEvent, TraceFile } from "../trace/trace-types.js";
import { validateTrace } from "../trace/validate-trace.js";
import { Profiler } from "./profiler.js";

const WORDS = "alpha beta gamma delta epsilon";

let server: MockServer;
beforeAll(async () => {
  // Every call takes at least 40 ms, so the five fan-out calls are all dispatched before a slot frees up.
  server = await startMockServer({ latency: { timeToFirstTokenMs: 40, perTokenMs: 0.2 } });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

/** A profiled run's trace as read back from the file `flush()` wrote. */
async function flushed(profiler: Profiler): Promise<TraceFile> {
  const path = await profiler.flush(join(await mkdtemp(join(tmpdir(), "weft-real-run-")), "run.trace.json"));
  return JSON.parse(await readFile(path, "utf8")) as TraceFile;
}

const processNames = (trace: TraceFile) =>
  new Map(
    trace.traceEvents
      .filter((event) => event.name === "process_name")
      .map((event) => [event.pid, String(event.args?.name)]),
  );
const threadName = (trace: TraceFile, event: TraceEvent) =>
  trace.traceEvents.find((e) => e.name === "thread_name" && e.pid === event.pid && e.tid === event.tid)?.args
    ?.name;
const begins = (trace: TraceFile, cat: string) =>
  trace.traceEvents.filter((event) => event.cat === cat && event.ph === "B");
const ends = (trace: TraceFile, cat: string) =>
  trace.traceEvents.filter((event) => event.cat === cat && event.ph === "E");

/** Checks that hold for any profiled run of the word pipeline, whatever the timings. */
function expectPipelineTrace(
  trace: TraceFile,
  llmCalls: number,
  usage: Pick<Usage, "inputTokens" | "outputTokens">,
) {
  expect(validateTrace(trace)).toEqual([]);
  const names = processNames(trace);
  // A named process per alias, each with one thread per slot it used (never more than configured).
  for (const [alias, slots] of Object.entries(PIPELINE_SLOTS)) {
    const pid = [...names].find(([, name]) => name === alias)?.[0];
    expect(pid, alias).toBeDefined();
    const lanes = trace.traceEvents.filter((e) => e.name === "thread_name" && e.pid === pid);
    expect(lanes.length).toBeGreaterThanOrEqual(1);
    expect(lanes.length).toBeLessThanOrEqual(slots);
  }
  // A span per LLM call on its alias's slot lane, naming its node, with tokens and cost from the real answer.
  const calls = begins(trace, "llm_call");
  expect(calls).toHaveLength(llmCalls);
  const llmNodes = new Set(
    begins(trace, "node")
      .filter((event) => event.args?.kind === "llm")
      .map((event) => `${event.args?.itemId ?? ""}/${event.args?.nodeId}`),
  );
  for (const call of calls) {
    expect(names.get(call.pid)).toBe(call.args?.alias);
    expect(llmNodes.has(`${call.args?.itemId ?? ""}/${call.args?.nodeId}`)).toBe(true);
    expect(String(threadName(trace, call))).toMatch(/^slot \d+$/);
  }
  const answered = ends(trace, "llm_call");
  expect(answered.every((e) => e.args?.outcome === "ok" && Number(e.args?.costUsd) > 0)).toBe(true);
  const sum = (field: string) => answered.reduce((total, e) => total + Number(e.args?.[field]), 0);
  expect([sum("inputTokens"), sum("outputTokens")]).toEqual([usage.inputTokens, usage.outputTokens]);
  // Queue waits: five fan-out calls per input over two slots, so at least three of each input's calls waited.
  const queueWaits = trace.traceEvents.filter((e) => e.name === "queue wait" && e.ph === "b");
  const onFast = queueWaits.filter((wait) => names.get(wait.pid) === "fast");
  expect(onFast.length).toBeGreaterThanOrEqual(3 * (llmCalls / 6));
  expect(queueWaits.every((wait) => ["fast", "smart"].includes(names.get(wait.pid) ?? ""))).toBe(true);
  // User leaf modules (and only they) on compute lanes.
  const nodes = begins(trace, "node");
  const onCompute = nodes.filter((event) => String(threadName(trace, event)).startsWith("compute"));
  expect(onCompute.length).toBe(2 * (llmCalls / 6));
  expect(new Set(onCompute.map((e) => e.args?.modulePath))).toEqual(new Set(["split", "join"]));
  expect(onCompute.every((event) => event.args?.kind === "leaf")).toBe(true);
  expect(nodes.filter((e) => e.args?.kind === "leaf")).toHaveLength(onCompute.length);
}

/**
 * The graph's edges as embedded in the file: split -> map -> join -> prompt -> summarize, and the fan-out's five
 * elements (element -> prompt -> each) as it expanded them at run time, the map gathering each one's call.
 */
function expectEmbeddedGraph(trace: TraceFile): Map<string, GraphNodeInput> {
  const runs = trace.metadata.weft.runs;
  expect(runs).toHaveLength(1);
  const declared = runs[0]?.graph.nodes ?? [];
  // The fan-out's elements are embedded once, as a template and a count, and expand to one node per element.
  const expansions = runs[0]?.expansions ?? [];
  expect(expansions.map(({ count, template }) => [count, template.nodes.map((node) => node.kind)])).toEqual([
    [WORDS.split(" ").length, ["input", "render", "llm"]],
  ]);
  expect(declared.some((node) => node.id.includes("["))).toBe(false);
  const nodeIds = trace.traceEvents.filter((e) => e.cat === "node").map((e) => String(e.args?.nodeId));
  const expanded = expandedGraph(
    { nodes: declared },
    new Map(expansions.map(({ nodeId, ...expansion }) => [nodeId, expansion])),
    observedElementsByRun(nodeIds.map((nodeId) => ({ runId: "run", nodeId }))).get("run") ?? new Map(),
  );
  const graph = new Map((expanded?.nodes ?? []).map((node) => [node.id, node]));
  const byPath = (path: string) => [...graph.values()].find((node) => node.modulePath === path);
  const split = byPath("split");
  const join = byPath("join");
  const summarize = byPath("summarize");
  expect([split?.kind, join?.kind, summarize?.kind, summarize?.alias]).toEqual([
    "leaf",
    "leaf",
    "llm",
    "smart",
  ]);
  const fanOut = graph.get(join?.dependencies[0] ?? "");
  expect(fanOut?.kind).toBe("map");
  const gathered = fanOut?.dependencies.slice(1).map((id) => graph.get(id)) ?? [];
  expect(fanOut?.dependencies[0]).toBe(split?.id);
  expect(gathered.map((node) => [node?.kind, node?.modulePath, node?.alias])).toEqual(
    WORDS.split(" ").map(() => ["llm", "each", "fast"]),
  );
  const elementChain = (id: string | undefined): string[] => {
    const node = graph.get(id ?? "");
    return node
      ? [...elementChain(node.dependencies.find((dep) => dep.startsWith(`${fanOut?.id}[`))), node.kind]
      : [];
  };
  for (const node of gathered) expect(elementChain(node?.id)).toEqual(["input", "render", "llm"]);
  for (const node of graph.values()) for (const id of node.dependencies) expect(graph.has(id)).toBe(true);
  return graph;
}

describe("a profiled real run (execution, mock server, OpenAI provider)", () => {
  it("writes a valid trace whose analysis finds the executed critical path", async () => {
    const manager = pipelineManager(server);
    const profiler = new Profiler({ capacity: aliasCapacities(manager.config) });
    const result = await run(new WordPipeline(), WORDS, { resources: manager, profiler, strict: true });
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(6);

    const trace = await flushed(profiler);
    expectPipelineTrace(trace, 6, result.usage);
    const graph = expectEmbeddedGraph(trace);

    const names = (event: TraceEvent) => processNames(trace).get(event.pid);
    const analysis = analyzeTrace(trace);
    expect(analysis).toEqual(profiler.analyze());
    const [path] = analysis.criticalPaths;
    expect(analysis.criticalPaths).toHaveLength(1);
    // The executed path: every step depends on the one before, and it ends at the node that finished last.
    const steps = path?.steps ?? [];
    expect(steps.map(stepName)).toEqual(PIPELINE_CRITICAL_PATH);
    steps.slice(1).forEach((step, index) => {
      expect(graph.get(step.nodeId)?.dependencies).toContain(steps[index]?.nodeId);
    });
    const nodeEnds = ends(trace, "node").map((event) => event.ts / 1000);
    expect(steps.at(-1)?.endMs).toBe(Math.max(...nodeEnds));
    // The path enters the fan-out through the element whose call answered last, and the steps explain the wall time.
    const fanOutEnd = Math.max(
      ...ends(trace, "llm_call")
        .filter((e) => names(e) === "fast")
        .map((e) => e.ts),
    );
    const lastCall = steps.find((step) => step.modulePath === "each");
    expect(lastCall?.calls).toMatchObject({ alias: "fast", attempts: 1 });
    expect(lastCall?.endMs).toBeGreaterThanOrEqual(fanOutEnd / 1000);
    const gather = steps[steps.indexOf(lastCall as (typeof steps)[number]) + 1];
    expect(gather).toMatchObject({ kind: "map", startMs: lastCall?.endMs });
    const explained = steps.reduce((total, step) => total + step.waitMs + step.durationMs, 0);
    expect(explained).toBeCloseTo(path?.totalMs ?? Number.NaN, 6);
    expect(steps.at(-1)?.calls).toMatchObject({ alias: "smart", attempts: 1 });
  });

  it("profiles a batch: one critical path per item, items interleaved on shared slots", async () => {
    const manager = pipelineManager(server);
    const profiler = new Profiler({ capacity: aliasCapacities(manager.config) });
    const inputs = [WORDS, "one two three four five"];
    const items = await runBatch(new WordPipeline(), inputs, { resources: manager, profiler, strict: true });
    expect(items.every((item) => item.ok)).toBe(true);
    const usage = {
      inputTokens: items.reduce((total, item) => total + (item.result?.usage.inputTokens ?? 0), 0),
      outputTokens: items.reduce((total, item) => total + (item.result?.usage.outputTokens ?? 0), 0),
    };

    const trace = await flushed(profiler);
    expectPipelineTrace(trace, 12, usage);
    const analysis = analyzeTrace(trace);
    expect(analysis).toEqual(profiler.analyze());
    expect(analysis.criticalPaths).toHaveLength(2);
    const itemIds = new Set(begins(trace, "node").map((event) => event.args?.itemId));
    expect(new Set(analysis.criticalPaths.map((path) => path.itemId))).toEqual(itemIds);
    for (const path of analysis.criticalPaths) {
      expect(path.steps.at(-1)).toMatchObject({ modulePath: "summarize", kind: "llm", status: "finished" });
      expect(path.steps.map(stepName)).toEqual(PIPELINE_CRITICAL_PATH);
    }
    expect(analysis.aliases.find((alias) => alias.alias === "fast")?.peakInFlight).toBe(PIPELINE_SLOTS.fast);
  });
});
