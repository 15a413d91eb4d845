import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { BatchLog, ResumeIndex } from "./batch-log.js";
import { CheckpointError } from "./checkpoint-error.js";
import { inputsDigest } from "./inputs-digest.js";
import { isCompatible, loadRunCheckpoint } from "./run-checkpoint.js";
import { RunCheckpointWriter } from "./run-checkpoint-writer.js";
import { decodeStructure, decodeValue, encodeStructure, encodeValue } from "./value-codec.js";

const folder = () => mkdtempSync(join(tmpdir(), "weft-checkpoint-"));

describe("value codec and inputs digest", () => {
  it("round-trips Values and structures of Values through JSON", () => {
    const value = new Value(ValueKind.STRUCTURED, { a: [1, 2] }, { ref: "n1", meta: { score: 1 } });
    expect(decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))).equals(value)).toBe(true);
    const structure = { answer: value, list: [new Value(ValueKind.TEXT, "x", { ref: "n2" })], n: 3 };
    const back = decodeStructure(JSON.parse(JSON.stringify(encodeStructure(structure)))) as typeof structure;
    expect(back.answer.equals(value)).toBe(true);
    expect(back.list[0]?.payload).toBe("x");
    expect(back.n).toBe(3);
  });

  it("refuses payloads that cannot round-trip", () => {
    expect(encodeValue(new Value(ValueKind.OTHER, 10n))).toBeUndefined();
  });

  it("digests inputs canonically: key order does not matter, values do", () => {
    expect(inputsDigest({ a: 1, b: [1, 2] })).toBe(inputsDigest({ b: [1, 2], a: 1 }));
    expect(inputsDigest({ a: 1 })).not.toBe(inputsDigest({ a: 2 }));
    expect(inputsDigest(new Value(ValueKind.TEXT, "x"))).not.toBe(inputsDigest("x"));
  });
});

describe("single-run checkpoint file (plait-spec 7.6)", () => {
  it("buffers completions, writes atomically with the graph hash and inputs digest, and finishes with failed and pending nodes", async () => {
    const path = join(folder(), "exec-1.json");
    const clock = new ManualClock();
    const writer = new RunCheckpointWriter({
      path,
      executionId: "exec-1",
      graphHash: "g",
      inputsDigest: "d",
      clock,
      bufferSize: 2,
    });
    writer.record("a", encodeValue(new Value(ValueKind.TEXT, "A", { ref: "a" })) ?? null, 5, 0);
    await writer.flush().catch(() => {});
    expect(await loadRunCheckpoint(path)).toBeDefined();
    writer.record("b", null, 7, 1);
    writer.record("c", null, 1, 0);
    await writer.finish({ d: "boom" }, ["e"]);
    const file = await loadRunCheckpoint(path);
    expect(file).toMatchObject({
      execution_id: "exec-1",
      graph_hash: "g",
      inputs_digest: "d",
      failed_nodes: { d: "boom" },
      pending_nodes: ["e"],
    });
    expect(Object.keys(file?.completed_nodes ?? {})).toEqual(["a", "b", "c"]);
    expect(file?.completed_nodes.b).toEqual({ node_id: "b", value: null, duration_ms: 7, retry_count: 1 });
  });

  it("rejects a buffer size below 1 and a negative flush interval", () => {
    const base = {
      path: "x.json",
      executionId: "x",
      graphHash: "g",
      inputsDigest: "d",
      clock: new ManualClock(),
    };
    expect(() => new RunCheckpointWriter({ ...base, bufferSize: 0 })).toThrow(RangeError);
    expect(() => new RunCheckpointWriter({ ...base, flushIntervalMs: -1 })).toThrow(RangeError);
  });

  it("keeps the file valid under many concurrent flushes", async () => {
    const path = join(folder(), "busy.json");
    const writer = new RunCheckpointWriter({
      path,
      executionId: "busy",
      graphHash: "g",
      inputsDigest: "d",
      clock: new ManualClock(),
      bufferSize: 1,
    });
    for (let i = 0; i < 50; i++) writer.record(`n${i}`, null, i, 0);
    await writer.finish({}, []);
    const file = await loadRunCheckpoint(path);
    expect(Object.keys(file?.completed_nodes ?? {})).toHaveLength(50);
  });

  it("loads legacy files with defaults, rejects garbage, and checks compatibility", async () => {
    const dir = folder();
    writeFileSync(
      join(dir, "old.json"),
      JSON.stringify({ execution_id: "old", completed_nodes: { a: { value: null } } }),
    );
    const old = await loadRunCheckpoint(join(dir, "old.json"));
    expect(old?.completed_nodes.a).toEqual({ node_id: "a", value: null, duration_ms: 0, retry_count: 0 });
    expect(old && isCompatible(old, "any", "any")).toBe(true);
    expect(await loadRunCheckpoint(join(dir, "missing.json"))).toBeUndefined();
    writeFileSync(join(dir, "bad.json"), "{nope");
    await expect(loadRunCheckpoint(join(dir, "bad.json"))).rejects.toBeInstanceOf(CheckpointError);
    const current = { ...(old as NonNullable<typeof old>), graph_hash: "g", inputs_digest: "d" };
    expect(isCompatible(current, "g", "d")).toBe(true);
    expect(isCompatible(current, "g", "other")).toBe(false);
    expect(isCompatible(current, "other", "d")).toBe(false);
  });
});

describe("batch checkpoint log", () => {
  it("appends lines, writes LLM nodes and items at once, and reads finished and partial items back", () => {
    const path = join(folder(), "batch.jsonl");
    const log = BatchLog.open(path, "batch", false);
    const value = encodeValue(new Value(ValueKind.TEXT, "hello", { ref: "llm" })) ?? null;
    log.node(0, "d0", "g", { node: "render", value: null, durationMs: 0, retryCount: 0 }, false);
    expect(readFileSync(path, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
    log.node(0, "d0", "g", { node: "llm", value, durationMs: 3, retryCount: 0 }, true);
    expect(readFileSync(path, "utf8").split("\n").filter(Boolean)).toHaveLength(4);
    log.node(1, "d1", "g", { node: "llm", value, durationMs: 3, retryCount: 0 }, true);
    log.item(0, "d0", true, encodeStructure({ answer: new Value(ValueKind.TEXT, "hello") }), {});
    log.close();

    const index = ResumeIndex.read(path);
    expect(index.finishedCount).toBe(1);
    expect(index.finishedItem(0, "d0")?.output).toEqual({
      answer: { $value: { kind: "text", payload: "hello", ref: null, meta: {} } },
    });
    expect(index.finishedItem(0, "other")).toBeUndefined();
    expect(index.completedNodes(1, "d1", "g")?.get("llm")).toMatchObject({ payload: "hello" });
    expect(index.completedNodes(1, "d1", "other-graph")).toBeUndefined();
  });

  it("ignores a torn last line and appends after it on a new line", () => {
    const path = join(folder(), "torn.jsonl");
    const log = BatchLog.open(path, "torn", false);
    log.node(0, "d", "g", { node: "llm", value: null, durationMs: 1, retryCount: 0 }, true);
    log.close();
    appendFileSync(path, '{"type":"item","item":0,"dig');
    const resumed = BatchLog.open(path, "torn", true);
    expect(resumed.resume.finishedCount).toBe(0);
    resumed.item(0, "d", true, null, {});
    resumed.close();
    expect(ResumeIndex.read(path).finishedCount).toBe(1);
  });
});
