import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { RunnerError } from "../errors/runner-error.js";
import { RunFolder } from "./run-folder.js";
import { folderOptions, okEntry, readMetadata, readRows, tempFolder } from "./test-folder.js";

describe("RunFolder", () => {
  it("writes graph, metadata, outputs, flattened rows and errors, rolling files every N lines", async () => {
    const dir = await tempFolder();
    const folder = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 5 }));
    expect(await readMetadata(dir)).toMatchObject({
      status: "running",
      format: "weft.run-folder",
      format_version: 1,
    });
    for (let n = 1; n <= 12; n++) await folder.write(okEntry(n));
    await folder.write({
      status: "error",
      itemId: "13",
      line: 13,
      input: { n: 13 },
      inputHash: "h",
      node: "upper",
      kind: "timeout",
      message: "took too long",
    });
    await folder.write({
      status: "invalid",
      kind: "invalid",
      id: "14",
      line: 14,
      raw: undefined,
      reason: "invalid_json",
      message: "not valid JSON",
      text: "{oops",
      inputHash: "t",
    });
    const metadata = await folder.close("completed");

    expect((await readdir(join(dir, "outputs"))).sort()).toEqual(["000.jsonl", "001.jsonl", "002.jsonl"]);
    const outputs = await readRows(join(dir, "outputs"));
    expect(outputs).toHaveLength(12);
    expect(outputs[0]).toEqual({ row_id: "1", item_id: "1", line: 1, input: { n: 1 }, output: { up: "N1" } });
    expect((await readRows(join(dir, "flattened")))[11]).toEqual({
      row_id: "12",
      item_id: "12",
      "input.n": 12,
      "output.up": "N12",
    });
    expect(await readRows(join(dir, "errors"))).toEqual([
      {
        item_id: "13",
        line: 13,
        stage: "run",
        node: "upper",
        kind: "timeout",
        message: "took too long",
        input: { n: 13 },
      },
      {
        item_id: "14",
        line: 14,
        stage: "input",
        node: null,
        kind: "invalid_json",
        message: "not valid JSON",
        text: "{oops",
      },
    ]);
    expect(JSON.parse(await readFile(join(dir, "graph.json"), "utf8"))).toEqual({ nodes: [{ id: "upper" }] });
    expect(metadata).toMatchObject({
      status: "completed",
      started_at: "2025-01-02T03:04:05.000Z",
      ended_at: "2025-01-02T03:04:05.000Z",
      run_id: expect.stringMatching(/^20250102-030405-[0-9a-f]{8}$/),
      graph_hash: "hash-a",
      weft: { "@weft/runner": "0.0.0" },
      counts: { items: 14, succeeded: 12, failed: 1, invalid: 1, rows: 12, filtered: 0 },
      usage: { input_tokens: 120, output_tokens: 24, total_tokens: 144 },
      cost_usd: 0.012,
      files: { outputs: 3, errors: 1, flattened: 3 },
    });
    expect(await readMetadata(dir)).toEqual(metadata);
  });

  it("refuses a non-empty folder unless resuming, and a folder that is not a run folder", async () => {
    const dir = await tempFolder();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "notes.txt"), "mine");
    const error = await RunFolder.open(dir, folderOptions()).catch((e: unknown) => e);
    expect(RunnerError.is(error) && error.code).toBe("run_folder_not_empty");
    const resumed = await RunFolder.open(dir, folderOptions({ resume: true })).catch((e: unknown) => e);
    expect(RunnerError.is(resumed) && resumed.code).toBe("run_folder_invalid");
  });

  it("writes several rows per item, or none, and node outputs with node columns", async () => {
    const dir = await tempFolder();
    const folder = await RunFolder.open(
      dir,
      folderOptions({ expandRows: true, nodeOutputs: true, nodeIds: ["split.words", "Split-Words"] }),
    );
    const nodes: [string, unknown][] = [
      ["split.words", { count: 2 }],
      ["Split-Words", "x"],
    ];
    await folder.write(
      okEntry(1, {
        rows: [
          { rowId: "1#0", output: "a" },
          { rowId: "1#1", output: "b" },
        ],
        nodes,
      }),
    );
    await folder.write(okEntry(2, { rows: [], nodes }));
    const metadata = await folder.close("completed");
    expect((await readRows(join(dir, "outputs"))).map((row) => [row.row_id, row.output])).toEqual([
      ["1#0", "a"],
      ["1#1", "b"],
    ]);
    expect((await readRows(join(dir, "flattened")))[1]).toEqual({
      row_id: "1#1",
      item_id: "1",
      "input.n": 1,
      output: "b",
      "split.words.count": 2,
      "Split-Words": "x",
    });
    expect(metadata.nodes).toEqual({ "split.words": "split_words", "Split-Words": "split_words_2" });
    expect(await readRows(join(dir, "nodes", "split_words"))).toEqual([
      { item_id: "1", output: { count: 2 } },
      { item_id: "2", output: { count: 2 } },
    ]);
    expect(metadata.counts).toMatchObject({ items: 2, succeeded: 2, rows: 2, filtered: 1 });
  });

  it("exports CSV and Parquet views with one header for every file", async () => {
    const dir = await tempFolder();
    const folder = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 2, csv: true, parquet: true }));
    await folder.write(okEntry(1, { rows: [{ rowId: "1", output: { text: 'say "hi", then\nbye' } }] }));
    await folder.write(okEntry(2, { rows: [{ rowId: "2", output: { score: 0.5, tags: ["a"] } }] }));
    await folder.write(okEntry(3, { rows: [{ rowId: "3", output: { score: 1, ok: true } }] }));
    await folder.close("completed");
    const csv0 = await readFile(join(dir, "flattened", "000.csv"), "utf8");
    const csv1 = await readFile(join(dir, "flattened", "001.csv"), "utf8");
    const header = "row_id,item_id,input.n,output.text,output.score,output.tags,output.ok";
    expect(csv0).toBe(`${header}\n1,1,1,"say ""hi"", then\nbye",,,\n2,2,2,,0.5,"[""a""]",\n`);
    expect(csv1).toBe(`${header}\n3,3,3,,1,,true\n`);
    const file = await asyncBufferFromFile(join(dir, "flattened", "000.parquet"));
    const rows = await parquetReadObjects({ file });
    expect(rows[1]).toEqual({
      row_id: "2",
      item_id: "2",
      "input.n": 2,
      "output.text": null,
      "output.score": 0.5,
      "output.tags": ["a"],
      "output.ok": null,
    });
  });

  it("resumes after a kill: keeps committed items, drops torn and uncommitted lines, and goes on", async () => {
    const dir = await tempFolder();
    const first = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 4 }));
    for (let n = 1; n <= 6; n++) await first.write(okEntry(n));
    await first.flush();
    // What a kill can leave: an uncommitted item's lines, a torn line, a torn ledger line.
    await appendFile(
      join(dir, "outputs", "001.jsonl"),
      `${JSON.stringify({ row_id: "7", item_id: "7" })}\n{"row_id":"8","it`,
    );
    await appendFile(
      join(dir, "flattened", "001.jsonl"),
      `${JSON.stringify({ row_id: "7", item_id: "7" })}\n`,
    );
    await appendFile(join(dir, "state", "items.jsonl"), '{"item_id":"7","sta');

    const second = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 4, resume: true }));
    expect(second.resumedItems).toBe(6);
    expect(second.runId).toBe((await readMetadata(dir)).run_id);
    const states = [1, 6, 7, 12].map((n) => second.stateOf(String(n), okEntry(n).inputHash));
    expect(states).toEqual(["committed", "committed", "new", "new"]);
    for (let n = 7; n <= 12; n++) await second.write(okEntry(n));
    const metadata = await second.close("completed");

    const ids = (await readRows(join(dir, "outputs"))).map((row) => row.item_id);
    expect(ids).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    expect((await readRows(join(dir, "flattened"))).map((row) => row.item_id)).toEqual(ids);
    expect((await readdir(join(dir, "outputs"))).sort()).toEqual(["000.jsonl", "001.jsonl", "002.jsonl"]);
    expect(metadata).toMatchObject({ sessions: 2, counts: { items: 12, succeeded: 12 } });
  });

  it("runs failed items again on resume, replacing their error lines, and keeps input errors", async () => {
    const dir = await tempFolder();
    const first = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 2 }));
    await first.write(okEntry(1));
    await first.write({
      status: "invalid",
      kind: "invalid",
      id: "2",
      line: 2,
      raw: 5,
      reason: "invalid_input",
      message: "bad",
      inputHash: "h2",
    });
    await first.write({
      status: "error",
      itemId: "3",
      line: 3,
      input: { n: 3 },
      inputHash: okEntry(3).inputHash,
      kind: "rate_limit",
      message: "429",
    });
    await first.write({
      status: "error",
      itemId: "4",
      line: 4,
      input: { n: 4 },
      inputHash: okEntry(4).inputHash,
      kind: "timeout",
      message: "slow",
    });
    expect((await first.close("completed")).counts).toMatchObject({ items: 4, failed: 2, invalid: 1 });

    const second = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 2, resume: true }));
    expect([second.resumedItems, second.retriedItems]).toEqual([2, 2]);
    expect(
      ["1", "2", "3", "4"].map((id) => second.stateOf(id, id === "2" ? "h2" : okEntry(Number(id)).inputHash)),
    ).toEqual(["committed", "committed", "new", "new"]);
    expect(() => second.stateOf("3", "other")).toThrow(/different input data/);
    await second.write(okEntry(3));
    await second.write({
      status: "error",
      itemId: "4",
      line: 4,
      input: { n: 4 },
      inputHash: okEntry(4).inputHash,
      kind: "timeout",
      message: "slow again",
    });
    const metadata = await second.close("completed");

    expect((await readRows(join(dir, "errors"))).map((row) => [row.item_id, row.message])).toEqual([
      ["2", "bad"],
      ["4", "slow again"],
    ]);
    expect((await readRows(join(dir, "outputs"))).map((row) => row.item_id)).toEqual(["1", "3"]);
    expect(metadata.counts).toMatchObject({ items: 4, succeeded: 2, failed: 1, invalid: 1 });
  });

  it("refuses to resume with another graph, other file content, another id field, or changed item data", async () => {
    const dir = await tempFolder();
    const input = { kind: "jsonl", sha256: "aaaa", entries: 2 } as const;
    const folder = await RunFolder.open(dir, folderOptions({ input }));
    await folder.write(okEntry(1));
    await folder.close("interrupted");
    const refused = async (overrides: Parameters<typeof folderOptions>[0]) => {
      const error = await RunFolder.open(dir, folderOptions({ input, resume: true, ...overrides })).catch(
        (e: unknown) => e,
      );
      return RunnerError.is(error) ? [error.code, error.message] : error;
    };
    expect(await refused({ graphHash: "hash-b" })).toEqual([
      "resume_mismatch",
      `cannot resume ${dir}: it was written for graph hash-a, and this pipeline's graph is hash-b`,
    ]);
    expect(((await refused({ input: { ...input, sha256: "bbbb" } })) as string[])[1]).toMatch(
      /input file's content differs/,
    );
    expect(((await refused({ idField: "id" })) as string[])[1]).toMatch(
      /from line numbers, now from the field "id"/,
    );
    const resumed = await RunFolder.open(dir, folderOptions({ input, resume: true }));
    expect(() => resumed.stateOf("1", "another-hash")).toThrow(/item "1" has different input data/);
    await resumed.close("completed");
  });
});
