import type { WeftEvent } from "@weft/core";
import { describe, expect, it } from "vitest";
import { call, nodeEvent } from "../test-support/event-builders.js";
import { profileEvents } from "../test-support/profile-events.js";

const profile = profileEvents;

describe("call recording", () => {
  it("keeps every call of a long run in its columns, unset fields unset past the first growth", () => {
    const calls = 2500; // more rows than the columns reserve at first, so they grow twice
    const events: WeftEvent[] = [];
    for (let i = 0; i < calls; i++) {
      const id = `c${i}`;
      const context = { runId: "r", nodeId: `n${i}`, modulePath: "root.ask" };
      events.push(call.queued(i, id, "fast", { context }) as WeftEvent);
      events.push(
        call.started(i + 0.5, id, "fast", i % 3, { context, endpoint: `fast#${i % 3}` }) as WeftEvent,
      );
      // Every other call answers with tokens; the others stay in flight.
      if (i % 2 === 0)
        events.push(
          call.finished(i + 2, id, "fast", { serviceMs: 1, slot: i % 3, input: i }, { context }) as WeftEvent,
        );
    }
    const model = profile(events).snapshot();
    expect(model.attempts).toHaveLength(calls);
    expect(model.calls).toHaveLength(calls);
    const answered = model.attempts[2400];
    expect(answered).toEqual({
      callId: "c2400",
      alias: "fast",
      endpoint: "fast#0",
      slot: 0,
      attempt: 1,
      model: "mock:model",
      startMs: 2400.5,
      endMs: 2401.5,
      outcome: "ok",
      inputTokens: 2400,
      runId: "r",
      nodeId: "n2400",
      modulePath: "root.ask",
    });
    const open = model.attempts[2401];
    expect(open?.outcome).toBe("in_flight");
    expect(open && "inputTokens" in open).toBe(false);
    // In flight until the next start on its slot (c2404 on fast#1 at 2404.5).
    expect(open?.endMs).toBe(2404.5);
    const span = model.calls[2401];
    expect(span?.outcome).toBe("in_flight");
    expect(span?.waits).toEqual([{ kind: "queue", startMs: 2401, endMs: 2401.5 }]);
    expect(model.calls[2400]?.endMs).toBe(2401.5);
  });

  it("moves a call and its attempt in service to the fallback alias, ending the first stay", () => {
    const model = profile([
      call.queued(0, "c", "a") as WeftEvent,
      call.started(1, "c", "a", 0) as WeftEvent,
      call.fallback(3, "c", "a", "b") as WeftEvent,
      call.retry(3, "c", "b", 2) as WeftEvent,
      call.started(4, "c", "b", 0) as WeftEvent,
      call.finished(6, "c", "b", { serviceMs: 2, slot: 0 }) as WeftEvent,
    ]).snapshot();
    expect(
      model.calls.map(({ alias, startMs, endMs, outcome, attempts, waits }) => ({
        alias,
        startMs,
        endMs,
        outcome,
        attempts,
        waits,
      })),
    ).toEqual([
      {
        alias: "a",
        startMs: 0,
        endMs: 3,
        outcome: "fallback",
        attempts: 1,
        waits: [{ kind: "queue", startMs: 0, endMs: 1 }],
      },
      {
        alias: "b",
        startMs: 3,
        endMs: 6,
        outcome: "ok",
        attempts: 1,
        waits: [{ kind: "retry_backoff", startMs: 3, endMs: 4 }],
      },
    ]);
    expect(model.attempts.map((attempt) => [attempt.alias, attempt.outcome, attempt.endMs])).toEqual([
      // Its slot on a#0 was never granted again: it stays in flight to the last event.
      ["a", "in_flight", 6],
      ["b", "ok", 6],
    ]);
  });

  it("gives the same snapshot when taken again mid-run, and completes it from later events", () => {
    const profiler = profile([
      call.queued(0, "c", "fast") as WeftEvent,
      call.started(1, "c", "fast", 0) as WeftEvent,
    ]);
    const first = profiler.snapshot();
    expect(profiler.snapshot()).toEqual(first);
    expect(first.calls[0]?.outcome).toBe("in_flight");
    profiler.onEvent(call.finished(4, "c", "fast", { serviceMs: 3, slot: 0 }) as WeftEvent);
    const later = profiler.snapshot();
    expect(later.calls).toHaveLength(1);
    expect(later.calls[0]).toMatchObject({ outcome: "ok", startMs: 0, endMs: 4 });
    expect(later.attempts[0]).toMatchObject({ outcome: "ok", startMs: 1, endMs: 4 });
  });

  it("keeps call marks, item ends and node marks in the order they arrived", () => {
    const model = profile([
      nodeEvent("node.skipped", 0, "a"),
      call.rateLimited(1, "c", "fast") as WeftEvent,
      { type: "item.done", time: 2, context: { runId: "r1", itemId: "0" } } as WeftEvent,
      nodeEvent("node.started", 3, "b"),
      nodeEvent("node.retried", 3, "b"),
      call.retry(3, "c", "fast", 5) as WeftEvent,
      call.limiter(4, "fast#0", 60) as WeftEvent,
    ]).snapshot();
    expect(model.marks.map((mark) => mark.name)).toEqual([
      "node skipped",
      "429 rate limited",
      "item done",
      "node retried",
      "retry",
      "limiter adjusted",
    ]);
  });

  it("keeps what a rare event said when its object is changed after it was recorded", () => {
    const retry = call.retry(2, "c", "fast", 5) as WeftEvent & { delayMs: number; time: number };
    const profiler = profile([call.started(0, "c", "fast", 0) as WeftEvent, retry]);
    retry.delayMs = 500;
    retry.time = 90;
    const marks = profiler.snapshot().marks;
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ timeMs: 2, args: { delayMs: 5 } });
  });

  it("keeps later calls whole after a call.finished without its timings or usage", () => {
    const broken = { ...call.finished(2, "c1", "fast", { serviceMs: 1, slot: 0 }) } as Record<
      string,
      unknown
    >;
    delete broken.timings;
    delete broken.usage;
    const model = profile([
      call.started(0, "c1", "fast", 0) as WeftEvent,
      broken as unknown as WeftEvent,
      call.started(3, "c2", "fast", 0, { context: { runId: "r", nodeId: "n2" } }) as WeftEvent,
      call.finished(5, "c2", "fast", { serviceMs: 2, slot: 0, input: 7 }) as WeftEvent,
    ]).snapshot();
    // The first attempt ends at its call.finished, its service time unknown; the second is untouched by it.
    expect(model.attempts[0]).toMatchObject({ callId: "c1", outcome: "ok", endMs: 2 });
    expect(model.attempts[1]).toMatchObject({
      callId: "c2",
      nodeId: "n2",
      startMs: 3,
      endMs: 5,
      inputTokens: 7,
    });
    expect(model.calls.map((span) => [span.callId, span.outcome])).toEqual([
      ["c1", "ok"],
      ["c2", "ok"],
    ]);
  });

  it("leaves out a malformed rare event and still builds every snapshot", () => {
    const cachedWithoutUsage = { ...call.cached(1, "c0", "fast") } as Record<string, unknown>;
    delete cachedWithoutUsage.usage;
    const profiler = profile([
      cachedWithoutUsage as unknown as WeftEvent,
      call.started(2, "c1", "fast", 0) as WeftEvent,
      call.retry(3, "c1", "fast", 5) as WeftEvent,
    ]);
    expect(profiler.recordedEvents).toBe(3);
    const model = profiler.snapshot();
    expect(model.marks.map((mark) => mark.name)).toEqual(["retry"]);
    expect(model.attempts.map((attempt) => attempt.callId)).toEqual(["c1"]);
    expect(profiler.toJSON().traceEvents.length).toBeGreaterThan(0);
  });
});
