import { MetaKey, Value, ValueKind } from "@weft/core";
import { afterEach, describe, expect, it } from "vitest";
import type { ForwardRecord } from "./forward-record.js";
import { noGrad } from "./no-grad.js";
import { attachTape, collectTapeIds } from "./tape-ids.js";
import {
  DEFAULT_TAPE_CAPACITY,
  findTape,
  liveTapeIds,
  registerTape,
  releaseTape,
  setTapeCapacity,
  tapeCapacity,
  wasTapeEvicted,
} from "./tape-registry.js";

/** A distinct stand-in record: the registry only stores and returns it. */
const fakeRecord = (): ForwardRecord => ({ executionOrder: [] }) as unknown as ForwardRecord;

afterEach(() => {
  setTapeCapacity(DEFAULT_TAPE_CAPACITY);
  for (const id of liveTapeIds()) releaseTape(id);
});

describe("tape registry (plait-spec 9.2)", () => {
  it("registers, finds and releases a record (idempotently) under a 32-hex-digit id", () => {
    const record = fakeRecord();
    const id = registerTape(record);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(findTape(id)).toBe(record);
    expect(liveTapeIds()).toEqual([id]);
    releaseTape(id);
    releaseTape(id);
    expect(findTape(id)).toBeUndefined();
    expect(liveTapeIds()).toEqual([]);
    expect(wasTapeEvicted(id)).toBe(false);
  });

  it("evicts the least recently used unreleased tape past its capacity, so memory stays bounded", () => {
    expect(tapeCapacity()).toBe(1_024);
    expect(setTapeCapacity(3)).toBe(1_024);
    const [a, b, c] = [registerTape(fakeRecord()), registerTape(fakeRecord()), registerTape(fakeRecord())];
    expect(findTape(a as string)).toBeDefined(); // a is now the most recently used
    const d = registerTape(fakeRecord());
    expect(liveTapeIds()).toEqual([c, a, d]);
    expect(findTape(b as string)).toBeUndefined();
    expect(wasTapeEvicted(b as string)).toBe(true);
    for (let i = 0; i < 5_000; i++) registerTape(fakeRecord());
    expect(liveTapeIds()).toHaveLength(3);
    setTapeCapacity(1);
    expect(liveTapeIds()).toHaveLength(1);
    expect(() => setTapeCapacity(0)).toThrow(RangeError);
    expect(() => setTapeCapacity(1.5)).toThrow(RangeError);
  });
});

describe("tape ids on Values", () => {
  it("attachTape tags every Value, nested in payloads too; collectTapeIds reads them back in first-seen order", () => {
    const inner = new Value(ValueKind.TEXT, "inner");
    const structure = {
      a: new Value(ValueKind.STRUCTURED, [inner]),
      b: [new Value(ValueKind.INT, 1, { ref: "n" })],
    };
    const once = attachTape(structure, "t1");
    const twice = attachTape(once, "t2");
    expect(collectTapeIds(twice)).toEqual(["t1", "t2"]);
    expect(twice.b[0]?.ref).toBe("n");
    expect(((twice.a.payload as Value[])[0] as Value).meta[MetaKey.tapeIds]).toEqual(["t1", "t2"]);
    expect(collectTapeIds(attachTape(twice, "t1"))).toEqual(["t1", "t2"]);
    expect(collectTapeIds(structure)).toEqual([]);
  });

  it("attachTape is a no-op inside noGrad", () => {
    const value = new Value(ValueKind.TEXT, "x");
    expect(noGrad(() => attachTape(value, "t"))).toBe(value);
  });
});
