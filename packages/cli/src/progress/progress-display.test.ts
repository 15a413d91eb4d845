import { ManualClock, type WeftEvent } from "@weft/core";
import { RunProgress } from "@weft/runner";
import { describe, expect, it } from "vitest";
import { captureStream } from "../test-support/capture-io.js";
import { ProgressDisplay } from "./progress-display.js";

function feed(progress: RunProgress, clock: ManualClock, event: Record<string, unknown>): void {
  progress.handle({ time: clock.now(), ...event } as unknown as WeftEvent);
}

describe("ProgressDisplay", () => {
  it("redraws in place on a terminal as events arrive and time passes", async () => {
    const clock = new ManualClock();
    const progress = new RunProgress({ clock });
    const out = captureStream({ isTTY: true, columns: 200 });
    const display = new ProgressDisplay(progress, out, clock, { intervalMs: 1_000 });
    feed(progress, clock, { type: "dataset.started", runId: "r", dir: "/o", total: 4, resumed: 0 });
    display.start();

    feed(progress, clock, { type: "call.started", callId: "c1", alias: "fast" });
    await clock.advance(1_000);
    expect(out.text()).toBe(
      "items 0/4 0%  ok 0  failed 0  rows 0  elapsed 0:01\n" +
        "calls 0  0.0/s  tokens 0 in, 0 out  cost $0.0000\n" +
        "in flight  fast 1\n",
    );

    feed(progress, clock, {
      type: "call.finished",
      callId: "c1",
      alias: "fast",
      usage: { inputTokens: 1500, outputTokens: 40 },
      costUsd: 0.002,
    });
    feed(progress, clock, { type: "dataset.item", itemId: "1", line: 1, status: "ok", rows: 1 });
    await clock.advance(1_000);
    const second = out.text().split("\x1b[3F\x1b[0J")[1];
    expect(second).toBe(
      "items 1/4 25%  ok 1  failed 0  rows 1  elapsed 0:02  eta 0:06\n" +
        "calls 1  0.5/s  tokens 1.50k in, 40 out  cost $0.0020\n" +
        "in flight  none\n",
    );

    await display.stop();
    expect(clock.pending).toBe(0);
  });

  it("appends one line per interval when the output is not a terminal", async () => {
    const clock = new ManualClock();
    const progress = new RunProgress({ clock });
    const out = captureStream({ isTTY: false });
    const display = new ProgressDisplay(progress, out, clock);
    feed(progress, clock, { type: "dataset.started", runId: "r", dir: "/o", total: undefined, resumed: 3 });
    display.start();
    await clock.advance(10_000);
    feed(progress, clock, { type: "dataset.item", itemId: "4", line: 4, status: "error", rows: 0 });
    await clock.advance(10_000);
    await display.stop();
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^items 3 \(3 resumed\) {2}ok 0 {2}failed 0 .*elapsed 0:10 {2}\| {2}calls 0/);
    expect(lines[1]).toMatch(/^items 4 \(3 resumed\) {2}ok 0 {2}failed 1 .*elapsed 0:20/);
    expect(out.text()).not.toContain("\x1b[");
  });
});
