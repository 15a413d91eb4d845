import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RunnerError } from "../errors/runner-error.js";
import { Dataset } from "./dataset.js";
import type { DatasetRecord } from "./dataset-source.js";

async function file(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "weft-dataset-"));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function all(dataset: Dataset): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  for await (const record of dataset.records()) out.push(record);
  return out;
}

const summary = (records: DatasetRecord[]) =>
  records.map((r) => (r.kind === "item" ? [r.id, r.line, r.input] : [r.id, r.line, r.reason]));

describe("Dataset", () => {
  it("streams JSONL with line numbers as ids, skipping blank lines and keeping bad lines as errors", async () => {
    const path = await file("in.jsonl", '\uFEFF{"text":"a"}\n\n{oops\n{"text":"c"}\r\n');
    const records = await all(await Dataset.open(path));
    expect(summary(records)).toEqual([
      ["1", 1, { text: "a" }],
      ["3", 3, "invalid_json"],
      ["4", 4, { text: "c" }],
    ]);
    expect(records[1]).toMatchObject({ message: expect.stringContaining("not valid JSON") });
  });

  it("takes ids from a field, and gives entries with a missing or repeated id a line id", async () => {
    const path = await file("in.jsonl", '{"id":"a"}\n{"id":7}\n{"x":1}\n{"id":"a"}\n[1]\n');
    const records = await all(await Dataset.open(path, { idField: "id" }));
    expect(summary(records)).toEqual([
      ["a", 1, { id: "a" }],
      ["7", 2, { id: 7 }],
      ["line:3", 3, "invalid_id"],
      ["line:4", 4, "duplicate_id"],
      ["line:5", 5, "invalid_id"],
    ]);
  });

  it("validates inputs against the schema, recording each bad field's path, and passes parsed inputs on", async () => {
    const schema = z.object({ text: z.string(), n: z.coerce.number().int() });
    const records = await all(
      await Dataset.open(
        [
          { text: "a", n: "3" },
          { text: 5, n: "x" },
          { text: "c", n: 1 },
        ],
        { inputSchema: schema },
      ),
    );
    expect(summary(records)).toEqual([
      ["1", 1, { text: "a", n: 3 }],
      ["2", 2, "invalid_input"],
      ["3", 3, { text: "c", n: 1 }],
    ]);
    const bad = records[1];
    expect(bad?.kind === "invalid" && bad.issues?.map((i) => i.path)).toEqual(["text", "n"]);
    expect(bad?.kind === "invalid" && bad.raw).toEqual({ text: 5, n: "x" });
  });

  it("reads CSV into objects by header, with the line each record starts on", async () => {
    const path = await file("in.csv", 'id,text\n1,"two\nlines"\n2,short\n3,"bad"x\n4,a,extra\n5,ok\n');
    const records = await all(await Dataset.open(path, { idField: "id" }));
    expect(summary(records)).toEqual([
      ["1", 2, { id: "1", text: "two\nlines" }],
      ["2", 4, { id: "2", text: "short" }],
      ["line:5", 5, "invalid_csv"],
      ["line:6", 6, "invalid_csv"],
      ["5", 7, { id: "5", text: "ok" }],
    ]);
    expect(records[3]).toMatchObject({ message: "expected 2 fields, found 3" });
  });

  it("stops after `limit` entries, counting invalid ones", async () => {
    const path = await file("in.jsonl", '{"a":1}\nbad\n{"a":3}\n{"a":4}\n');
    expect(summary(await all(await Dataset.open(path, { limit: 2 })))).toEqual([
      ["1", 1, { a: 1 }],
      ["2", 2, "invalid_json"],
    ]);
  });

  it("reads async iterables once, numbering entries by position", async () => {
    async function* source() {
      yield "x";
      yield "y";
    }
    const dataset = await Dataset.open(source());
    expect(summary(await all(dataset))).toEqual([
      ["1", 1, "x"],
      ["2", 2, "y"],
    ]);
    await expect(all(dataset)).rejects.toMatchObject({ code: "invalid_run_options" });
  });

  it("describes a file by size, hash and entry count, so equal content gives an equal description", async () => {
    const a = await Dataset.open(await file("a.jsonl", '{"a":1}\n\n{"a":2}'));
    const b = await Dataset.open(await file("b.jsonl", '{"a":1}\n\n{"a":2}'));
    const c = await Dataset.open(await file("c.csv", 'h\n"x\ny"\nz\n'));
    const [da, db, dc] = await Promise.all([a.describe(), b.describe(), c.describe()]);
    expect(da).toMatchObject({ kind: "jsonl", entries: 2, bytes: 16 });
    expect(da.sha256).toBe(db.sha256);
    expect(dc).toMatchObject({ kind: "csv", entries: 2 });
    expect(await (await Dataset.open([1, 2, 3])).describe()).toEqual({ kind: "array", entries: 3 });
  });

  it("fails before reading with a one-line error for a missing file, an unknown format or a bad header", async () => {
    const missing = await Dataset.open("/nonexistent/dir/items.jsonl").catch((e: unknown) => e);
    expect(RunnerError.is(missing) && [missing.code, missing.message]).toEqual([
      "dataset_not_found",
      "input file not found: /nonexistent/dir/items.jsonl",
    ]);
    const unknown = await Dataset.open(await file("items.txt", "x")).catch((e: unknown) => e);
    expect((unknown as RunnerError).code).toBe("dataset_unreadable");
    const header = await Dataset.open(await file("h.csv", "a,a\n1,2\n"));
    await expect(all(header)).rejects.toThrow(/column "a" appears twice/);
  });
});
