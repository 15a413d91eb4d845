// Backward parallelism: one textual-gradient backward pass over a batch of 16 samples through a 3-stage
// pipeline, against the mock server at 50 ms per call. TextGrad runs every critique one after the other;
// weft runs the backward graph on the scheduler, so critiques of different samples, and of different
// variables of one call, overlap. `sequential_ms` is the sum of the critique latencies (what a strictly
// sequential backward would take, measured in a pass that runs one node at a time so that no call waits on
// another), `backward_ms` the wall time of a concurrent pass (best of several rounds). The mock server runs
// in a child process so its work does not slow the client's event loop.
import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { runBatch } from "@weft/execution";
import { createOpenAI } from "@weft/openai";
import { backward, Feedback, textualGradients } from "@weft/optimization";
import { ResourceManager } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import { report } from "./lib/measure.js";
import { startServerChild } from "./lib/server-child.js";

const BATCH = 16;
const LATENCY_MS = 50;
const ROUNDS = 3;

const stage = (alias: string, text: string) =>
  new LLMInference({
    alias,
    systemPrompt: new Parameter(text, { description: `Instructions of the ${alias} stage` }),
  });

class ThreeStages extends Module {
  readonly outline = stage("task", "Outline the answer.");
  readonly draft = stage("task", "Write a draft from the outline.");
  readonly polish = stage("task", "Polish the draft.");
  forward(question: Value<string>) {
    const outline = this.outline.call(prompt`Question: ${question}`);
    const draft = this.draft.call(prompt`Outline: ${outline}`);
    return this.polish.call(prompt`Draft: ${draft}`);
  }
}

if (process.argv.includes("--serve")) {
  const server = await startMockServer({
    seed: 7,
    latency: { timeToFirstTokenMs: LATENCY_MS },
    logLimit: 100,
  });
  console.log(server.openaiBaseURL);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
} else {
  const { child, baseURL } = await startServerChild(import.meta.url);
  try {
    await measure(baseURL);
  } finally {
    child.stdin?.end();
  }
}

async function measure(baseURL: string): Promise<void> {
  const model = createOpenAI({ apiKey: "sk-bench-not-a-real-key", baseURL }).languageModel("gpt-4o-mini");
  const manager = new ResourceManager({
    aliases: { task: { model, maxOutputTokens: 64 }, "optimizer/backward": { model, maxOutputTokens: 64 } },
  });
  const pipeline = new ThreeStages().train();
  const questions = Array.from({ length: BATCH }, (_, i) => `Question number ${i}: why is the sky blue?`);
  /** One backward pass over a fresh batch; returns its wall time and the critiques' own latencies. */
  const pass = async (maxConcurrency: number) => {
    const items = await runBatch(pipeline, questions, { resources: manager });
    const feedbacks = items.map((item) => {
      const tapeId = item.result?.tapeId;
      if (tapeId === undefined) throw new Error(`item ${item.index} ran without a tape`);
      return Feedback.from(new Feedback(["The answer is too vague; cite the physics."], { score: 0 }), {
        tapeIds: [tapeId],
      });
    });
    const started = performance.now();
    const result = await backward(feedbacks, {
      resources: manager,
      propagation: textualGradients(),
      optimizer: null,
      maxConcurrency,
    });
    const elapsed = performance.now() - started;
    for (const parameter of pipeline.parameters()) parameter.zeroFeedback();
    return { elapsed, latencies: result.critiques.map((critique) => critique.latencyMs) };
  };
  // Each critique alone (one node at a time): their latencies add up to what a sequential backward costs.
  const alone = await pass(1);
  const sequential = alone.latencies.reduce((sum, latency) => sum + latency, 0);
  console.log(`one at a time: ${alone.latencies.length} critiques, ${alone.elapsed.toFixed(0)} ms`);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const { elapsed } = await pass(100);
    console.log(`round ${round + 1}: backward ${elapsed.toFixed(0)} ms`);
    best = Math.min(best, elapsed);
  }
  report({
    backward_ms: Math.round(best),
    sequential_ms: Math.round(sequential),
    parallel_speedup: Number((sequential / best).toFixed(1)),
    critiques: alone.latencies.length,
  });
}
