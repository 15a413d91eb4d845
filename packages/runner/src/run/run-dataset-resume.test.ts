import { join } from "node:path";
import { EventBus, type WeftEvent } from "@weft/core";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readMetadata, readRows, tempFolder } from "../folder/test-folder.js";
import {
  CALLS_PER_ITEM,
  checkpointedCalls,
  items,
  mockResources,
  SummarizeAndRate,
} from "../test-support/test-pipeline.js";
import { runDataset } from "./run-dataset.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 11 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const tagged = (tag: string) => server.requests.filter((request) => request.tag === tag);

async function itemIds(out: string): Promise<string[]> {
  return (await readRows(join(out, "outputs"))).map((row) => row.item_id as string).sort();
}

describe("runDataset resume", () => {
  it("after an interruption, holds every item once and makes no checkpointed call again", async () => {
    const out = await tempFolder();
    const data = items(12);
    const interrupt = new AbortController();
    const events = new EventBus<WeftEvent>();
    let written = 0;
    events.on("dataset.item", () => {
      if (++written === 4) interrupt.abort();
    });
    const first = await runDataset(new SummarizeAndRate(), data, {
      out,
      resources: mockResources(server, "first"),
      idField: "id",
      maxConcurrency: 2,
      signal: interrupt.signal,
      events,
    });
    expect(first).toMatchObject({ status: "interrupted", stoppedBy: "signal" });
    expect(first.session.written).toBeGreaterThanOrEqual(4);
    expect(first.session.written).toBeLessThan(12);
    expect((await readMetadata(out)).stopped_by).toBe("signal");
    const saved = await checkpointedCalls(out);

    const second = await runDataset(new SummarizeAndRate(), data, {
      out,
      resume: true,
      resources: mockResources(server, "second"),
      idField: "id",
    });
    expect(second.status).toBe("completed");
    expect(second.session.skipped).toBe(first.session.written);
    expect(await itemIds(out)).toEqual(data.map((item) => item.id).sort());
    expect(tagged("second")).toHaveLength(data.length * CALLS_PER_ITEM - saved);
    expect(await readMetadata(out)).toMatchObject({ sessions: 2, stopped_by: null, counts: { items: 12 } });
  });

  it("stops when the budget is spent, within it, and a resume with a larger cap finishes the rest", async () => {
    const out = await tempFolder();
    const data = items(10);
    // Room for a few items' worst-case reservations (the rating call reserves for its JSON schema too), not ten.
    const cap = 0.0004;
    const first = await runDataset(new SummarizeAndRate(), data, {
      out,
      resources: mockResources(server, "capped"),
      idField: "id",
      budgetUsd: cap,
      maxConcurrency: 1,
    });
    expect(first).toMatchObject({ status: "interrupted", stoppedBy: "budget" });
    expect(first.session.written).toBeGreaterThan(0);
    expect(first.session.written).toBeLessThan(data.length);
    expect(first.session.failed).toBe(0);
    expect(first.metadata.cost_usd).toBeGreaterThan(0);
    expect(first.metadata.cost_usd).toBeLessThanOrEqual(cap);
    expect(await readRows(join(out, "errors"))).toEqual([]);
    const saved = await checkpointedCalls(out);

    const second = await runDataset(new SummarizeAndRate(), data, {
      out,
      resume: true,
      resources: mockResources(server, "more"),
      idField: "id",
      budgetUsd: 1,
    });
    expect(second.status).toBe("completed");
    expect(await itemIds(out)).toEqual(data.map((item) => item.id).sort());
    expect(tagged("more")).toHaveLength(data.length * CALLS_PER_ITEM - saved);
  });
});
