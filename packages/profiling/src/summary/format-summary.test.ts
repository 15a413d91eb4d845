import { describe, expect, it } from "vitest";
import { Profiler } from "../profiler/profiler.js";
import { knownRunEvents } from "../test-support/known-run.js";
import { formatSummary } from "./format-summary.js";

describe("formatSummary", () => {
  const profiler = new Profiler({ capacity: { fast: 2 } });
  for (const event of knownRunEvents()) profiler.onEvent(event);
  const text = formatSummary(profiler.analyze());

  it("states the window, totals and where the time in calls went", () => {
    expect(text).toContain(
      "weft profile: 160 ms window, 2 aliases, 4 calls (0 failed, 0 cached), 5 attempts",
    );
    expect(text).toContain("tokens 650 in / 65 out, cost $1.88");
    expect(text).toContain(
      "time in calls: service 125 ms, queue 10 ms, rate limit 5 ms, backoff 30 ms, budget 5 ms",
    );
  });

  it("has a row per alias with utilization and bubbles", () => {
    const fast = text.split("\n").find((line) => line.startsWith("fast"));
    expect(fast?.split(/\s{2,}/)).toEqual([
      "fast",
      "2",
      "20.3%",
      "3",
      "4",
      "1",
      "10 ms",
      "5 ms",
      "65 ms",
      "1 / 20 ms",
      "385",
      "$0.8750",
    ]);
    expect(text).toContain("* capacity observed (slots used), not configured");
    expect(text).toContain("  fast: 20 ms at 30 ms (retry_backoff)");
  });

  it("lists the critical path step by step", () => {
    expect(text).toContain("critical path (run r1): 152 ms over 4 nodes");
    const judge = text.split("\n").find((line) => line.trimStart().startsWith("judge"));
    expect(judge?.trim().split(/\s{2,}/)).toEqual([
      "judge",
      "llm:slow",
      "5 ms",
      "67 ms",
      "service 60 ms, waits 5 ms, 1 attempt",
    ]);
  });

  it("cuts long lists", () => {
    const short = formatSummary(profiler.analyze(), { maxSteps: 2, maxBubbles: 1 });
    expect(short).toContain("(2 shorter steps not shown)");
    expect(short).toContain("bubbles (2, longest first):\n  fast: 20 ms at 30 ms (retry_backoff)\n\n");
  });
});
