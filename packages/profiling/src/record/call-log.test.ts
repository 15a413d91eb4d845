import { describe, expect, it } from "vitest";
import { call } from "../test-support/event-builders.js";
import { CALL_DELTA, CallLog, type OtherEvent } from "./call-log.js";

describe("CallLog", () => {
  it("keeps a streamed chunk as its time and call id, not its text", () => {
    const log = new CallLog({ size: 0 });
    log.append(call.delta(4, "c1", "fast") as OtherEvent);
    expect(log.chunks.map((chunk) => chunk.length)).toEqual([2]);
    expect([...(log.chunks[0]?.numbers.subarray(0, 2) ?? [])]).toEqual([CALL_DELTA, 4]);
    expect(log.refs.size).toBe(1);
    expect(log.refs.get(0)).toBe("c1");
  });
});
