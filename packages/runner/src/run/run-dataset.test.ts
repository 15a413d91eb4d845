import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EventBus, type WeftEvent } from "@weft/core";
import { ResourceError } from "@weft/resources";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readMetadata, readRows, tempFolder } from "../folder/test-folder.js";
import { CALLS_PER_ITEM, items, mockResources, SummarizeAndRate } from "../test-support/test-pipeline.js";
import { runDataset } from "./run-dataset.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function jsonl(dir: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, "..", "items.jsonl");
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

describe("runDataset", () => {
  it("writes graph, metadata totals, outputs, input errors with their lines, and a trace", async () => {
    const out = await tempFolder();
    const good = items(3).map((item) => JSON.stringify(item));
    const input = await jsonl(out, [
      good[0] as string,
      "{not json",
      good[1] as string,
      '{"id":"x","text":""}',
      good[2] as string,
    ]);
    const events = new EventBus<WeftEvent>();
    const seen: WeftEvent[] = [];
    events.onAny((event) => seen.push(event));

    const result = await runDataset(new SummarizeAndRate(), input, {
      out,
      resources: mockResources(server),
      idField: "id",
      profile: true,
      events,
    });

    expect(result.status).toBe("completed");
    expect(result.session).toEqual({ written: 5, succeeded: 3, failed: 0, invalid: 2, skipped: 0 });
    const outputs = await readRows(join(out, "outputs"));
    expect(outputs.map((row) => row.item_id).sort()).toEqual(["item-1", "item-2", "item-3"]);
    for (const row of outputs) {
      expect(row.input).toEqual(items(3).find((item) => item.id === row.item_id));
      expect(row.output).toMatchObject({
        summary: expect.any(String),
        rating: { score: expect.any(Number) },
      });
    }
    const errors = await readRows(join(out, "errors"));
    expect(errors.map((row) => [row.line, row.stage, row.kind])).toEqual([
      [2, "input", "invalid_json"],
      [4, "input", "invalid_input"],
    ]);
    expect(errors[1]?.issues).toEqual([{ path: "text", message: expect.any(String) }]);

    const graph = JSON.parse(await readFile(join(out, "graph.json"), "utf8"));
    const kinds = (graph.nodes as { kind: string }[]).map((node) => node.kind);
    expect(kinds.filter((kind) => kind === "llm")).toHaveLength(2);
    const metadata = await readMetadata(out);
    const served = server.requests.filter((request) => request.status === 200);
    expect(served).toHaveLength(3 * CALLS_PER_ITEM);
    const inputTokens = served.reduce((sum, request) => sum + (request.usage?.inputTokens ?? 0), 0);
    expect(metadata).toMatchObject({
      status: "completed",
      graph_hash: graph.hash,
      counts: { items: 5, succeeded: 3, invalid: 2, rows: 3 },
      usage: { input_tokens: inputTokens },
      resources: { aliases: { fast: expect.anything() } },
    });
    expect(metadata.cost_usd).toBeGreaterThan(0);
    expect(metadata.cost_usd).toBeCloseTo(result.metadata.cost_usd, 12);

    expect(result.tracePath).toBe(join(out, "trace.json"));
    const trace = JSON.parse(await readFile(join(out, "trace.json"), "utf8"));
    expect(trace.traceEvents.length).toBeGreaterThan(0);
    expect(result.profile?.totals.calls).toBe(3 * CALLS_PER_ITEM);

    const types = seen.map((event) => event.type);
    expect(seen[0]).toMatchObject({ type: "dataset.started", total: 5, resumed: 0, dir: out });
    expect(types.at(-1)).toBe("dataset.finished");
    expect(types.filter((type) => type === "dataset.item")).toHaveLength(5);
    expect(types).toContain("call.finished");
    expect(types).toContain("node.finished");
  });

  it("records a failed item with its node and error kind, and expands or filters rows", async () => {
    const out = await tempFolder();
    const data = [...items(2), { id: "bad", text: "Please FAIL here." }];
    const result = await runDataset(new SummarizeAndRate(), data, {
      out,
      resources: mockResources(server),
      idField: "id",
      rows: (output, input) =>
        (input as { id: string }).id === "item-2" ? [] : [output, { copy: (input as { id: string }).id }],
      nodeOutputs: true,
    });
    expect(result.metadata.counts).toMatchObject({ items: 3, succeeded: 2, failed: 1, rows: 2, filtered: 1 });
    const [failed] = await readRows(join(out, "errors"));
    expect(failed).toMatchObject({ item_id: "bad", stage: "run", node: "Guard_2", kind: "RangeError" });
    const outputs = await readRows(join(out, "outputs"));
    expect(outputs.map((row) => row.row_id)).toEqual(["item-1#0", "item-1#1"]);
    expect(outputs[1]?.output).toEqual({ copy: "item-1" });
    const metadata = await readMetadata(out);
    expect(metadata.nodes).toEqual({
      Guard_2: "guard_2",
      LLMInference_4: "llminference_4",
      LLMInference_6: "llminference_6",
    });
    const summaries = await readRows(join(out, "nodes", "llminference_4"));
    expect(summaries.map((row) => row.item_id).sort()).toEqual(["item-1", "item-2"]);
    expect(typeof summaries[0]?.output).toBe("string");
  });

  it("refuses an alias the resources do not define, before writing anything", async () => {
    const out = await tempFolder();
    const resources = {
      aliases: { slow: (mockResources(server) as { aliases: { fast: unknown } }).aliases.fast },
    };
    const running = runDataset(new SummarizeAndRate(), items(1), { out, resources: resources as never });
    await expect(running).rejects.toSatisfy(
      (error) => ResourceError.is(error) && /alias "fast" \(node LLMInference_4\)/.test(error.message),
    );
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
