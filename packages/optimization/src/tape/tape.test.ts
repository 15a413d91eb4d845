import { findTape, liveTapeIds, noGrad, releaseTape, setTapeCapacity } from "@weft/execution";
import { describe, expect, it } from "vitest";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";
import { recordBatch, recordRun } from "./record-run.js";
import { getRecord } from "./tape-registry.js";

describe("recordRun / recordBatch (deprecated aliases of run / runBatch in training mode)", () => {
  it("spell out the tape id that plain runs register, one per batch item; eval mode records none unless asked", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const items = await recordBatch(new TwoStage().train(), ["a", "b"], { resources: manager });
    expect(new Set(items.map((item) => item.tapeId)).size).toBe(2);
    expect(items.map((item) => item.tapeId)).toEqual(items.map((item) => item.result?.tapeId));
    expect(findTape(items[1]?.tapeId as string)).toBe(items[1]?.result?.record);
    const evaluated = await recordRun(new TwoStage(), "q", { resources: manager });
    expect("tapeId" in evaluated && evaluated.tapeId === undefined).toBe(true);
    const asked = await recordRun(new TwoStage(), "q", { resources: manager, record: true });
    expect(getRecord(asked.tapeId as string)).toBe(asked.record);
    for (const id of [asked.tapeId, ...items.map((item) => item.tapeId)]) releaseTape(id as string);
  });

  it("inside noGrad nothing is recorded", async () => {
    const { manager } = managerFor({ task: echoModel() });
    await noGrad(async () => {
      const items = await recordBatch(new TwoStage().train(), ["a"], { resources: manager });
      expect([items[0]?.tapeId, items[0]?.result?.record]).toEqual([undefined, undefined]);
    });
  });
});

describe("getRecord", () => {
  it("says whether an unknown tape was released or evicted past the registry's capacity", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const released = await recordRun(new TwoStage().train(), "q", { resources: manager });
    releaseTape(released.tapeId as string);
    expect(() => getRecord(released.tapeId as string)).toThrow(/released by an earlier backward/);
    const live = liveTapeIds();
    const previous = setTapeCapacity(live.length + 1);
    try {
      const old = await recordRun(new TwoStage().train(), "q", { resources: manager });
      const young = await recordRun(new TwoStage().train(), "q", { resources: manager });
      expect(() => getRecord(old.tapeId as string)).toThrow(
        expect.objectContaining({
          code: "backward_error",
          reason: "unknown_tape",
          message: expect.stringMatching(/evicted: more than \d+ tapes/),
        }),
      );
      expect(getRecord(young.tapeId as string)).toBe(young.record);
      releaseTape(young.tapeId as string);
    } finally {
      setTapeCapacity(previous);
    }
  });
});
