import { describe, expect, it } from "vitest";
import { Profiler } from "../profiler/profiler.js";
import { knownRunEvents } from "../test-support/known-run.js";
import { stepTimes } from "../test-support/step-times.js";
import { analyzeTrace } from "./analyze-trace.js";

function profiled(capacity?: Record<string, number>): Profiler {
  const profiler = new Profiler({ wallClock: () => 0, ...(capacity ? { capacity } : {}) });
  for (const event of knownRunEvents()) profiler.onEvent(event);
  return profiler;
}

describe("analyzeTrace on a constructed run", () => {
  const analysis = analyzeTrace(profiled({ fast: 2 }).toJSON());
  const fast = analysis.aliases.find((alias) => alias.alias === "fast");
  const slow = analysis.aliases.find((alias) => alias.alias === "slow");

  it("measures the window from the first to the last event", () => {
    expect(analysis.window).toEqual({ startMs: 0, endMs: 160, durationMs: 160 });
  });

  it("computes utilization as busy slot-time over window times capacity", () => {
    expect(fast).toMatchObject({
      capacity: 2,
      capacitySource: "configured",
      busyMs: 65,
      utilization: 65 / 320,
    });
    expect(slow).toMatchObject({
      capacity: 1,
      capacitySource: "observed",
      busyMs: 60,
      utilization: 60 / 160,
    });
    expect(fast?.peakInFlight).toBe(2);
  });

  it("finds each bubble with its start, length and cause", () => {
    expect(fast?.bubbles).toEqual([{ alias: "fast", startMs: 30, durationMs: 20, cause: "retry_backoff" }]);
    expect(slow?.bubbles).toEqual([{ alias: "slow", startMs: 85, durationMs: 5, cause: "budget" }]);
    expect(analysis.bubbles).toEqual([
      { startMs: 30, durationMs: 20, cause: "retry_backoff" },
      { startMs: 85, durationMs: 5, cause: "budget" },
    ]);
  });

  it("drops bubbles not longer than minBubbleMs", () => {
    const filtered = analyzeTrace(profiled().toJSON(), { minBubbleMs: 5 });
    expect(filtered.bubbles.map((bubble) => bubble.durationMs)).toEqual([20]);
  });

  it("splits queue, rate-limit and backoff waits from service time", () => {
    expect(fast?.waits).toEqual({ queueMs: 10, rateLimitMs: 5, retryBackoffMs: 30, budgetMs: 0 });
    expect(fast?.meanQueueWaitMs).toBeCloseTo(10 / 3, 12);
    expect(fast?.maxQueueWaitMs).toBe(10);
    expect(fast?.meanServiceMs).toBe(65 / 4);
    expect(fast?.attempts).toMatchObject({ total: 4, ok: 3, rateLimited: 1 });
    expect(fast).toMatchObject({ rateLimitEvents: 1, retries: 1, fallbacks: 0 });
    expect(slow?.waits).toEqual({ queueMs: 0, rateLimitMs: 0, retryBackoffMs: 0, budgetMs: 5 });
  });

  it("totals tokens and cost", () => {
    expect(analysis.totals).toMatchObject({
      calls: 4,
      attempts: 5,
      failedCalls: 0,
      inputTokens: 650,
      outputTokens: 65,
      costUsd: 1.875,
      unpricedCalls: 0,
      serviceMs: 125,
    });
    expect(fast).toMatchObject({ inputTokens: 350, outputTokens: 35, costUsd: 0.875 });
  });

  it("finds the critical path with actual durations that sum to its wall time", () => {
    expect(analysis.criticalPaths).toHaveLength(1);
    const [path] = analysis.criticalPaths;
    expect(path).toMatchObject({ runId: "r1", startMs: 0, endMs: 152, totalMs: 152 });
    expect(stepTimes(path?.steps)).toEqual([
      { nodeId: "load", readyMs: 0, startMs: 0, endMs: 10, waitMs: 0, durationMs: 10 },
      { nodeId: "b", readyMs: 10, startMs: 10, endMs: 80, waitMs: 0, durationMs: 70 },
      { nodeId: "merge", readyMs: 80, startMs: 80, endMs: 80, waitMs: 0, durationMs: 0 },
      { nodeId: "judge", readyMs: 80, startMs: 85, endMs: 152, waitMs: 5, durationMs: 67 },
    ]);
    expect(path?.steps[1]?.calls).toEqual({
      alias: "fast",
      attempts: 2,
      serviceMs: 40,
      waits: { queueMs: 0, rateLimitMs: 0, retryBackoffMs: 30, budgetMs: 0 },
    });
    expect(path?.steps[3]?.calls).toMatchObject({ alias: "slow", attempts: 1, serviceMs: 60 });
    const sum = path?.steps.reduce((total, step) => total + step.waitMs + step.durationMs, 0);
    expect(sum).toBe(path?.totalMs);
  });

  it("gives the live profiler and the trace file the same answers", () => {
    const profiler = profiled({ fast: 2 });
    expect(profiler.analyze()).toEqual(analyzeTrace(JSON.parse(JSON.stringify(profiler))));
  });
});
