// An example run for the HTML timeline's test and the screenshot in docs/: a real ResourceManager on a manual
// clock, a scripted model, and a small scheduler that emits execution events the way the execution package will.
import { EventBus, ManualClock, type WeftEvent } from "@weft/core";
import { ResourceManager } from "@weft/resources";
import { aliasCapacities } from "../config/alias-capacities.js";
import type { GraphNodeInput } from "../input/runtime-events.js";
import { Profiler } from "../profiler/profiler.js";
import { ScriptedModel } from "./scripted-model.js";

const SUMMARIES = 6;

/** The example's graph: fetch → parse → 6 × (summarize → classify) → merge → critique → revise → score. */
export function exampleGraph(): GraphNodeInput[] {
  const node = (id: string, kind: string, dependencies: string[], alias?: string): GraphNodeInput => ({
    id,
    kind,
    modulePath: `pipeline.${id}`,
    dependencies,
    ...(alias ? { alias } : {}),
  });
  const nodes = [node("fetch", "leaf", []), node("parse", "leaf", ["fetch"])];
  for (let i = 0; i < SUMMARIES; i++) {
    nodes.push(
      node(`summarize.${i}`, "llm", ["parse"], "fast"),
      node(`classify.${i}`, "llm", [`summarize.${i}`], "fast"),
    );
  }
  nodes.push(
    node(
      "merge",
      "op",
      Array.from({ length: SUMMARIES }, (_, i) => `classify.${i}`),
    ),
    node("critique", "llm", ["merge"], "smart"),
    node("revise", "llm", ["critique"], "smart"),
    node("score", "leaf", ["revise"]),
  );
  return nodes;
}

const LEAF_MS: Readonly<Record<string, number>> = { fetch: 40, parse: 25, score: 15 };

/** Runs the example to completion and returns its profiler. */
export async function runExample(): Promise<Profiler> {
  const clock = new ManualClock();
  const fastDelays = [120, 90, 150, 70, 110, 95, 60, 85, 130, 75, 100, 65];
  const fast = new ScriptedModel({
    clock,
    modelId: "small-model",
    delayMs: (call) => fastDelays[call % fastDelays.length] as number,
    rateLimitAfterMs: (call) => (call === 4 ? 80 : undefined),
    usage: { inputTokens: 420, outputTokens: 60 },
  });
  const smart = new ScriptedModel({
    clock,
    modelId: "large-model",
    delayMs: (call) => (call === 0 ? 240 : 180),
    usage: { inputTokens: 1800, outputTokens: 300 },
  });
  const manager = new ResourceManager(
    {
      aliases: {
        fast: {
          model: fast,
          maxConcurrent: 3,
          adaptive: false,
          pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
        },
        smart: {
          model: smart,
          maxConcurrent: 1,
          adaptive: false,
          pricing: { inputPerMTok: 3, outputPerMTok: 15 },
        },
      },
    },
    { clock, random: () => 0.5 },
  );
  const profiler = new Profiler({
    capacity: aliasCapacities(manager.config),
    wallClock: () => Date.UTC(2026, 0, 1),
  });
  profiler.attach(manager.events);
  const bus = new EventBus<WeftEvent>();
  profiler.attach(bus);
  const done = schedule(clock, manager, bus, exampleGraph());
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  for (let guard = 0; !finished && guard < 10_000; guard++) {
    await clock.advance(0);
    if (!finished && clock.pending > 0) await clock.runAll(1);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  return profiler;
}

/** Starts every node as soon as its dependencies are done, emitting run and node events. */
async function schedule(
  clock: ManualClock,
  manager: ResourceManager,
  bus: EventBus<WeftEvent>,
  graph: GraphNodeInput[],
) {
  const runId = "example";
  const emit = (type: string, extra: Record<string, unknown> = {}) =>
    bus.emit({ type, time: clock.now(), ...extra } as WeftEvent);
  emit("run.started", { runId, context: { runId }, graph: { nodes: graph } });
  const finished = new Map<string, Promise<void>>();
  const run = async (node: GraphNodeInput) => {
    await Promise.all(node.dependencies.map((id) => finished.get(id)));
    const context = { runId, nodeId: node.id, modulePath: node.modulePath };
    const fields = { context, kind: node.kind, ...(node.alias ? { alias: node.alias } : {}) };
    emit("node.queued", fields);
    emit("node.started", fields);
    if (node.kind === "leaf") await clock.sleep(LEAF_MS[node.id] ?? 10);
    if (node.kind === "llm" && node.alias) {
      await manager.generate(
        node.alias,
        { messages: [{ role: "user", content: node.id }], maxTokens: 400 },
        { context },
      );
    }
    emit("node.finished", fields);
  };
  for (const node of graph) finished.set(node.id, run(node));
  await Promise.all(finished.values());
  emit("run.finished", { runId, context: { runId }, status: "completed" });
}
