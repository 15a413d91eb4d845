import { describe, expect, it } from "vitest";
import { criticalPathRanks } from "./critical-path.js";
import { ReadyQueue } from "./ready-queue.js";
import { Scheduler } from "./scheduler.js";

describe("ReadyQueue", () => {
  it("orders by user priority (lower first), then rank (higher first), then arrival", () => {
    const queue = new ReadyQueue<string>();
    const push = (id: string, priority: number, rank: number) =>
      queue.push({ owner: "g", id, generation: 1, priority, rank });
    push("late-low-rank", 0, 1);
    push("high-rank", 0, 5);
    push("urgent", -1, 0);
    push("fifo-1", 0, 1);
    push("background", 3, 100);
    const order: string[] = [];
    for (let entry = queue.pop(); entry; entry = queue.pop()) order.push(entry.id);
    expect(order).toEqual(["urgent", "high-rank", "late-low-rank", "fifo-1", "background"]);
  });

  it("pops many entries in order", () => {
    const queue = new ReadyQueue<null>();
    const ranks = Array.from({ length: 500 }, (_, i) => (i * 7919) % 503);
    for (const [i, rank] of ranks.entries())
      queue.push({ owner: null, id: `n${i}`, generation: 0, priority: 0, rank });
    const popped: number[] = [];
    for (let entry = queue.pop(); entry; entry = queue.pop()) popped.push(entry.rank);
    expect(popped).toEqual([...ranks].sort((a, b) => b - a));
  });

  it("drops the entries an owner no longer wants", () => {
    const queue = new ReadyQueue<string>();
    queue.push({ owner: "a", id: "1", generation: 0, priority: 0, rank: 0 });
    queue.push({ owner: "b", id: "2", generation: 0, priority: 0, rank: 0 });
    queue.retain((entry) => entry.owner !== "a");
    expect(queue.size).toBe(1);
    expect(queue.pop()?.id).toBe("2");
  });
});

describe("criticalPathRanks", () => {
  it("ranks each node by the longest estimated path from it to a sink", () => {
    const nodes = [
      { id: "in", dependencies: [] },
      { id: "long1", dependencies: ["in"] },
      { id: "long2", dependencies: ["long1"] },
      { id: "long3", dependencies: ["long2"] },
      { id: "short", dependencies: ["in"] },
      { id: "out", dependencies: ["long3", "short", "param:x"] },
    ];
    const ranks = criticalPathRanks(nodes, (node) => (node.id === "in" ? 0 : 1));
    expect(ranks.get("out")).toBe(1);
    expect(ranks.get("short")).toBe(2);
    expect(ranks.get("long3")).toBe(2);
    expect(ranks.get("long1")).toBe(4);
    expect(ranks.get("in")).toBe(4);
  });

  it("ranks a chain of 100,000 nodes without recursion", () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => ({
      id: `n${i}`,
      dependencies: i ? [`n${i - 1}`] : [],
    }));
    const ranks = criticalPathRanks(nodes, () => 1);
    expect(ranks.get("n0")).toBe(100_000);
    expect(ranks.get("n99999")).toBe(1);
  });
});

describe("Scheduler", () => {
  it("rejects a concurrency cap below 1", () => {
    expect(() => new Scheduler({ maxConcurrency: 0 })).toThrow(RangeError);
    expect(() => new Scheduler({ maxConcurrency: 1.5 })).toThrow(RangeError);
    expect(new Scheduler().maxConcurrency).toBe(100);
  });
});
