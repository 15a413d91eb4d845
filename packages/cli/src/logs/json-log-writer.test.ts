import { describe, expect, it } from "vitest";
import { captureStream } from "../test-support/capture-io.js";
import { JsonLogWriter } from "./json-log-writer.js";

describe("JsonLogWriter", () => {
  it("writes one parseable JSON object per event, leaving out streamed deltas", () => {
    const out = captureStream();
    const writer = new JsonLogWriter(out);
    const shared = { a: 1 };
    writer.handle({ type: "dataset.item", time: 5, itemId: "1", status: "ok" } as never);
    writer.handle({ type: "call.delta", time: 6, delta: "tok" } as never);
    writer.handle({
      type: "node.failed",
      time: 7,
      error: new RangeError("bad\nthing"),
      big: 10n,
      x: shared,
      y: shared,
    } as never);
    const lines = out.text().trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { type: "dataset.item", time: 5, itemId: "1", status: "ok" },
      {
        type: "node.failed",
        time: 7,
        error: { name: "RangeError", message: "bad\nthing" },
        big: "10",
        x: { a: 1 },
        y: { a: 1 },
      },
    ]);
  });

  it("writes a shared object in full every time and marks only real cycles", () => {
    const out = captureStream();
    const usage = { inputTokens: 3, outputTokens: 4 };
    const loop: { name: string; self?: unknown } = { name: "loop" };
    loop.self = loop;
    new JsonLogWriter(out).handle({
      type: "call.finished",
      time: 1,
      usage,
      totals: [usage, usage],
      loop,
      at: new Date(0),
    } as never);
    expect(JSON.parse(out.text())).toEqual({
      type: "call.finished",
      time: 1,
      usage: { inputTokens: 3, outputTokens: 4 },
      totals: [
        { inputTokens: 3, outputTokens: 4 },
        { inputTokens: 3, outputTokens: 4 },
      ],
      loop: { name: "loop", self: "[cycle]" },
      at: "1970-01-01T00:00:00.000Z",
    });
  });
});
