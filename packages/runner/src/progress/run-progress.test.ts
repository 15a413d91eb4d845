import { EventBus, ManualClock, type WeftEvent } from "@weft/core";
import { describe, expect, it } from "vitest";
import { RunProgress } from "./run-progress.js";

describe("RunProgress", () => {
  it("counts items, calls, tokens, cost and in-flight calls per alias from events", async () => {
    const clock = new ManualClock(1_000);
    const bus = new EventBus<WeftEvent & Record<string, unknown>>();
    const progress = new RunProgress({ clock, rateWindowMs: 10_000 });
    bus.onAny(progress.handle);
    const emit = (event: Record<string, unknown> & { type: string }) =>
      bus.emit({ time: clock.now(), ...event });

    emit({ type: "dataset.started", runId: "r", dir: "/x", total: 10, resumed: 2 });
    emit({ type: "call.started", callId: "c1", alias: "fast" });
    emit({ type: "call.started", callId: "c2", alias: "fast" });
    emit({ type: "call.started", callId: "c3", alias: "judge" });
    expect(progress.snapshot().inFlight).toEqual({ fast: 2, judge: 1 });

    await clock.advance(2_000);
    emit({
      type: "call.finished",
      callId: "c1",
      alias: "fast",
      usage: { inputTokens: 100, outputTokens: 20 },
      costUsd: 0.01,
    });
    emit({ type: "call.attempt_failed", callId: "c2", alias: "fast" });
    emit({ type: "dataset.item", itemId: "3", line: 3, status: "ok", rows: 2 });
    emit({
      type: "dataset.item",
      itemId: "4",
      line: 4,
      status: "invalid",
      rows: 0,
      errorKind: "invalid_json",
    });

    const snapshot = progress.snapshot();
    expect(snapshot).toMatchObject({
      elapsedMs: 2_000,
      total: 10,
      resumed: 2,
      done: 2,
      succeeded: 1,
      failed: 1,
      rows: 2,
      calls: 1,
      callsPerSecond: 0.5,
      inputTokens: 100,
      outputTokens: 20,
      costUsd: 0.01,
      inFlight: { judge: 1 },
      finished: false,
    });
    // 6 entries left at 2 entries per 2 s.
    expect(snapshot.etaMs).toBe(6_000);
  });

  it("forgets calls older than the rate window and has no ETA before the first item", async () => {
    const clock = new ManualClock();
    const progress = new RunProgress({ clock, rateWindowMs: 1_000 });
    progress.handle({
      type: "dataset.started",
      time: 0,
      runId: "r",
      dir: "/x",
      total: undefined,
      resumed: 0,
    } as WeftEvent);
    progress.handle({ type: "call.finished", time: 0, callId: "a", alias: "fast" } as WeftEvent);
    await clock.advance(500);
    expect(progress.snapshot()).toMatchObject({ callsPerSecond: 2, etaMs: undefined });
    await clock.advance(1_000);
    expect(progress.snapshot().callsPerSecond).toBe(0);
    progress.handle({ type: "dataset.finished", time: clock.now() } as WeftEvent);
    expect(progress.snapshot().finished).toBe(true);
  });
});
