import { describe, expect, it } from "vitest";
import { NODE_FINISHED, NodeLog } from "./node-log.js";

describe("NodeLog", () => {
  it("keeps appending past the chunk count at which a doubling shift would overflow", () => {
    const log = new NodeLog();
    const context = { runId: "r", nodeId: "n" };
    const rows = 800_000; // 6 growing chunks (63k rows), then 32k-row chunks: 28 chunks in all
    for (let time = 0; time < rows; time++) log.append(NODE_FINISHED, 0, { time, context });
    expect(log.size).toBe(rows);
    expect(log.chunks.length).toBeGreaterThan(22);
    expect(log.chunks.map((chunk) => chunk.rows).slice(0, 7)).toEqual([
      1024, 2048, 4096, 8192, 16384, 32768, 32768,
    ]);
    expect(log.chunks.every((chunk) => chunk.rows === chunk.context.length)).toBe(true);
    const last = log.chunks.at(-1);
    expect(last?.time[(last?.size ?? 0) - 1]).toBe(rows - 1);
  });
});
