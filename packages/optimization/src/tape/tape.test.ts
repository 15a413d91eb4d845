import { MetaKey, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";
import { isGradEnabled, noGrad } from "./no-grad.js";
import { recordBatch, recordRun } from "./record-run.js";
import {
  attachTape,
  collectTapeIds,
  getRecord,
  liveTapeIds,
  registerRecord,
  releaseRecord,
} from "./tape-registry.js";

describe("tapes (plait-spec 9.2)", () => {
  it("attachTape tags every Value, nested in payloads too, and collectTapeIds reads them back in first-seen order", () => {
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

  it("the registry registers, resolves and releases records (idempotently)", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const out = await recordRun(new TwoStage().train(), "q", { resources: manager });
    const id = registerRecord(out.record as never);
    expect(getRecord(id)).toBe(out.record);
    releaseRecord(id);
    releaseRecord(id);
    expect(() => getRecord(id)).toThrow(/Unknown tape id/);
    expect(liveTapeIds()).toContain(out.tapeId);
  });

  it("noGrad turns recording off inside its scope only, across awaits", async () => {
    const { manager } = managerFor({ task: echoModel() });
    expect(isGradEnabled()).toBe(true);
    await noGrad(async () => {
      await Promise.resolve();
      expect(isGradEnabled()).toBe(false);
      expect(attachTape(new Value(ValueKind.TEXT, "x"), "t").meta).toEqual({});
      const items = await recordBatch(new TwoStage().train(), ["a"], { resources: manager });
      expect([items[0]?.tapeId, items[0]?.result?.record]).toEqual([undefined, undefined]);
    });
    expect(isGradEnabled()).toBe(true);
  });

  it("recordBatch gives each item its own tape, and eval mode records none unless asked", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const items = await recordBatch(new TwoStage().train(), ["a", "b"], { resources: manager });
    expect(new Set(items.map((item) => item.tapeId)).size).toBe(2);
    expect(collectTapeIds(items[1]?.values)).toEqual([items[1]?.tapeId]);
    expect((await recordRun(new TwoStage(), "q", { resources: manager })).tapeId).toBeUndefined();
    expect((await recordRun(new TwoStage(), "q", { resources: manager, record: true })).tapeId).toBeDefined();
  });
});
