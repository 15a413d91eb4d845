import { ManualClock } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { failWith, MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { analyzeTrace } from "../analysis/analyze-trace.js";
import { aliasCapacities } from "../config/alias-capacities.js";
import { validateTrace } from "../trace/validate-trace.js";
import { Profiler } from "./profiler.js";

const request: GenerateRequest = { messages: [{ role: "user", content: "hi" }], maxTokens: 5 };

/** Advances the manual clock until every promise has settled. */
async function settle(clock: ManualClock, work: Promise<unknown>): Promise<void> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  for (let guard = 0; !done && guard < 1_000; guard++) {
    await clock.advance(0);
    if (!done && clock.pending > 0) await clock.runAll(1);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await work;
}

describe("Profiler on a real ResourceManager", () => {
  it("queues calls behind one slot: full utilization, queue waits, no bubbles", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      clock,
      generate: "ok",
      delayMs: 100,
      usage: { inputTokens: 10, outputTokens: 2 },
    });
    const manager = new ResourceManager(
      { aliases: { fast: { model, maxConcurrent: 1, pricing: { inputPerMTok: 1, outputPerMTok: 2 } } } },
      { clock },
    );
    const profiler = new Profiler({ capacity: aliasCapacities(manager.config) });
    profiler.attach(manager.events);
    const calls = [1, 2, 3].map((n) =>
      manager.generate("fast", request, { stream: false, context: { runId: "r1", nodeId: `n${n}` } }),
    );
    await settle(clock, Promise.all(calls));

    const trace = profiler.toJSON();
    expect(validateTrace(trace)).toEqual([]);
    const analysis = analyzeTrace(JSON.parse(JSON.stringify(trace)));
    const [fast] = analysis.aliases;
    expect(analysis.window.durationMs).toBe(300);
    expect(fast).toMatchObject({
      alias: "fast",
      capacity: 1,
      capacitySource: "configured",
      busyMs: 300,
      utilization: 1,
      peakInFlight: 1,
      maxQueueWaitMs: 200,
      bubbles: [],
      inputTokens: 30,
      outputTokens: 6,
    });
    expect(fast?.waits.queueMs).toBe(300);
    expect(fast?.costUsd).toBeCloseTo(3 * (10 * 1 + 2 * 2) * 1e-6, 15);
    expect(profiler.snapshot().attempts.map((a) => [a.nodeId, a.startMs, a.endMs])).toEqual([
      ["n1", 0, 100],
      ["n2", 100, 200],
      ["n3", 200, 300],
    ]);
  });

  it("shows a 429's backoff as a bubble exactly as long as the retry delay", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      clock,
      generate: [failWith("rate_limit", { retryAfterMs: 250 }), "ok"],
      delayMs: 40,
      usage: { inputTokens: 10, outputTokens: 2 },
    });
    const manager = new ResourceManager(
      { aliases: { fast: { model, adaptive: false } } },
      { clock, random: () => 0.5 },
    );
    const profiler = new Profiler();
    profiler.attach(manager.events);
    await settle(clock, manager.generate("fast", request, { stream: false }));

    const analysis = profiler.analyze();
    const delayMs = profiler.snapshot().marks.find((mark) => mark.category === "retry")?.args.delayMs;
    expect(delayMs).toBeGreaterThanOrEqual(250);
    expect(analysis.aliases[0]).toMatchObject({
      attempts: { total: 2, ok: 1, rateLimited: 1 },
      rateLimitEvents: 1,
      retries: 1,
      busyMs: 80,
      bubbles: [{ alias: "fast", startMs: 40, durationMs: delayMs, cause: "retry_backoff" }],
    });
    expect(validateTrace(profiler.toJSON())).toEqual([]);
  });
});
