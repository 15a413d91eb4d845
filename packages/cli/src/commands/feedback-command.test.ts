import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { systemClock } from "@weft/core";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO } from "../test-support/capture-io.js";
import { mockConfig, SUMMARIZE, storiesFile, TEST_ENV, tempDir } from "../test-support/mock-run.js";
import { runWeft } from "../test-support/spawn-weft.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 17 });
});
afterAll(() => server.close());

/** A run folder of `n` summarized stories, written one item at a time (rows in item order). */
async function runFolder(n: number): Promise<string> {
  const dir = await tempDir();
  await storiesFile(dir, n);
  const io = captureIO({ env: TEST_ENV, clock: systemClock, cwd: dir });
  const args = ["run", SUMMARIZE, "--input", "items.jsonl", "--out", "out", "--quiet", "--concurrency", "1"];
  expect(await runCli([...args, "--config", await mockConfig(dir, server)], io)).toBe(0);
  return join(dir, "out");
}

async function feedbackLines(path: string): Promise<unknown[]> {
  const text = await readFile(path, "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
}

describe("weft feedback", () => {
  it("the binary reads a score and improvements per row from stdin, re-asks a bad score, stops when stdin ends", async () => {
    const out = await runFolder(3);
    // Row 1: a score off the scale (asked again), 4, one improvement. Row 2: 2, none. Then the input ends.
    const answers = ["7", "4", "Say who the story is about.", "", "2", "", ""].join("\n");
    const result = await runWeft(
      ["feedback", out, "--scale", "5", "--criteria", "Faithful and short"],
      {},
      answers,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== row s1 (item s1)\n\nOutput:\n");
    expect(result.stdout).toContain("Criteria: Faithful and short");
    expect(result.stdout).toContain("Please answer one of 1, 2, 3, 4, 5.");
    expect(result.stdout).toContain("== row s3 (item s3)");
    expect(result.stderr).toBe(
      `2 rows reviewed (the input ended); feedback in ${join(out, "feedback.jsonl")}\n`,
    );
    expect(await feedbackLines(join(out, "feedback.jsonl"))).toEqual([
      {
        row_id: "s1",
        item_id: "s1",
        score: 0.75,
        raw_score: 4,
        improvements: ["Say who the story is about."],
      },
      { row_id: "s2", item_id: "s2", score: 0.25, raw_score: 2, improvements: [] },
    ]);
  });

  it("in-process: without a scale only improvements are asked; --limit and --out", async () => {
    const out = await runFolder(3);
    const stdin = Readable.from(["Shorter.\nMention the number.\n\n", "\n"]);
    const io = captureIO({ cwd: out, stdin });
    expect(await runCli(["feedback", ".", "--limit", "2", "--out", "review/notes.jsonl"], io)).toBe(0);
    expect(io.stdout.text()).not.toContain("Score");
    expect(io.stderr.text()).toBe(`2 rows reviewed; feedback in ${join(out, "review", "notes.jsonl")}\n`);
    expect(await feedbackLines(join(out, "review", "notes.jsonl"))).toEqual([
      {
        row_id: "s1",
        item_id: "s1",
        score: null,
        raw_score: null,
        improvements: ["Shorter.", "Mention the number."],
      },
      { row_id: "s2", item_id: "s2", score: null, raw_score: null, improvements: [] },
    ]);
  });

  it("a folder that is not a run folder and a bad --scale are user errors", async () => {
    const io = captureIO({ stdin: Readable.from([]) });
    expect(await runCli(["feedback", await tempDir()], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/^weft: not a run folder \(no metadata\.json\): /);
    const bad = captureIO({ stdin: Readable.from([]) });
    expect(await runCli(["feedback", ".", "--scale", "1"], bad)).toBe(2);
    expect(bad.stderr.text()).toBe('weft: weft feedback: --scale must be a whole number >= 2, got "1"\n');
  });
});
