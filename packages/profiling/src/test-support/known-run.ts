// A constructed run whose figures are known exactly; see the comments for the answers the tests check.
import type { WeftEvent } from "@weft/core";
import { call, graphNode, nodeEvent, runFinished, runStarted } from "./event-builders.js";

const ctx = (nodeId: string) => ({ context: { runId: "r1", nodeId, modulePath: `root.${nodeId}` } });

/**
 * load (leaf, 0-10) feeds a, b and c (LLM on `fast`, 2 slots); merge (op) joins them; judge (LLM on `slow`) ends it.
 * - a: call c1, slot 0, 10-30.
 * - b: call c2, slot 1, 10-20 then a 429, a 30 ms backoff (20-50), attempt 2 on slot 0, 50-80.
 * - c: call c3, queued 10-20, rate-limit wait 20-25 on slot 1, in service 25-30.
 * - fast is idle 30-50 while c2 backs off: one bubble, cause retry_backoff.
 * - judge: queued 80, started 85, budget wait 85-90, in service 90-150 (call.finished trails at 152).
 * - slow is idle 85-90 while c4 waits for its budget: one bubble, cause budget.
 * Window 0-160. fast busy 20+10+5+30 = 65 ms; slow busy 60 ms. Critical path: load, b, merge, judge (152 ms).
 */
export function knownRunEvents(): WeftEvent[] {
  return [
    runStarted(0, "r1", [
      graphNode("load", "leaf", []),
      graphNode("a", "llm", ["load"], "fast"),
      graphNode("b", "llm", ["load"], "fast"),
      graphNode("c", "llm", ["load"], "fast"),
      graphNode("merge", "op", ["a", "b", "c"]),
      graphNode("judge", "llm", ["merge"], "slow"),
    ]),
    nodeEvent("node.queued", 0, "load"),
    nodeEvent("node.started", 0, "load"),
    nodeEvent("node.finished", 10, "load"),
    ...["a", "b", "c"].flatMap((id) => [nodeEvent("node.queued", 10, id), nodeEvent("node.started", 10, id)]),
    call.started(10, "c1", "fast", 0, ctx("a")),
    call.started(10, "c2", "fast", 1, ctx("b")),
    call.queued(10, "c3", "fast", ctx("c")),
    call.attemptFailed(20, "c2", "fast", 1, "rate_limit", 10, ctx("b")),
    call.rateLimited(20, "c2", "fast", ctx("b")),
    call.retry(20, "c2", "fast", 30, ctx("b")),
    call.throttled(25, "c3", "fast", 5, ctx("c")),
    call.started(25, "c3", "fast", 1, ctx("c")),
    call.finished(
      30,
      "c1",
      "fast",
      { serviceMs: 20, slot: 0, input: 100, output: 10, costUsd: 0.25 },
      ctx("a"),
    ),
    call.finished(
      30,
      "c3",
      "fast",
      { serviceMs: 5, slot: 1, input: 50, output: 5, costUsd: 0.125 },
      ctx("c"),
    ),
    nodeEvent("node.finished", 30, "a"),
    nodeEvent("node.finished", 30, "c"),
    call.started(50, "c2", "fast", 0, { ...ctx("b"), attempt: 2 }),
    call.finished(
      80,
      "c2",
      "fast",
      { serviceMs: 30, slot: 0, input: 200, output: 20, costUsd: 0.5 },
      { ...ctx("b"), attempt: 2 },
    ),
    nodeEvent("node.finished", 80, "b"),
    nodeEvent("node.queued", 80, "merge"),
    nodeEvent("node.started", 80, "merge"),
    nodeEvent("node.finished", 80, "merge"),
    nodeEvent("node.queued", 80, "judge"),
    nodeEvent("node.started", 85, "judge"),
    call.budgetReserved(90, "c4", "slow", 5, ctx("judge")),
    call.started(90, "c4", "slow", 0, ctx("judge")),
    call.finished(
      152,
      "c4",
      "slow",
      { serviceMs: 60, slot: 0, input: 300, output: 30, costUsd: 1 },
      ctx("judge"),
    ),
    nodeEvent("node.finished", 152, "judge"),
    runFinished(160, "r1"),
  ];
}
