import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { systemClock } from "@weft/core";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./main.js";
import { captureIO } from "./test-support/capture-io.js";
import { FIXTURES, mockConfig, SUMMARIZE, storiesFile, TEST_ENV, tempDir } from "./test-support/mock-run.js";
import { runWeft, startWeft } from "./test-support/spawn-weft.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 5 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setLatency({});
});

const tagged = (tag: string) => server.requests.filter((request) => request.tag === tag);

async function lines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Runs tasks `width` at a time (the machine's cores are shared). */
async function inBatches<T>(tasks: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < tasks.length; start += width) {
    results.push(...(await Promise.all(tasks.slice(start, start + width).map((task) => task()))));
  }
  return results;
}

// Each child starts Node, tsx and the workspace sources (about 1.5 s on an idle machine); a shared CI machine can
// be several times slower, so these tests get more time than the default.
const CHILD_TIMEOUT_MS = 90_000;

describe("the weft binary (child processes against the mock server)", { timeout: CHILD_TIMEOUT_MS }, () => {
  it("runs a pipeline with --json-logs: stdout is one JSON event per line, the summary on stderr", async () => {
    const dir = await tempDir();
    const input = await storiesFile(dir, 5);
    await writeFile(input, "{ not json\n", { flag: "a" });
    const out = join(dir, "out");
    const result = await runWeft(
      [
        "run",
        SUMMARIZE,
        "--input",
        input,
        "--out",
        out,
        "--config",
        await mockConfig(dir, server),
        "--json-logs",
      ],
      TEST_ENV,
    );
    expect(result.code).toBe(0);
    const events = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; status?: string });
    const types = events.map((event) => event.type);
    expect(types[0]).toBe("dataset.started");
    expect(types.at(-1)).toBe("dataset.finished");
    expect(
      events
        .filter((event) => event.type === "dataset.item")
        .map((event) => event.status)
        .sort(),
    ).toEqual(["invalid", "ok", "ok", "ok", "ok", "ok"]);
    expect(types.filter((type) => type === "call.finished")).toHaveLength(5);
    expect(result.stdout).not.toContain("sk-test-not-secret");
    expect(result.stderr).toContain("run completed in");
    expect(result.stderr).toContain(`run folder: ${out}`);
    expect(await lines(join(out, "outputs", "000.jsonl"))).toHaveLength(5);
  });

  it("is killed mid-run and resumed: every item once, no checkpointed call made again", async () => {
    const dir = await tempDir();
    const input = await storiesFile(dir, 30);
    const out = join(dir, "out");
    server.setLatency({ timeToFirstTokenMs: 30 });
    const first = startWeft(
      ["run", SUMMARIZE, "--input", input, "--out", out, "--json-logs", "--concurrency", "2"].concat(
        "--config",
        await mockConfig(dir, server, { tag: "first", name: "first.yaml" }),
      ),
      TEST_ENV,
    );
    let written = 0;
    for await (const line of createInterface({ input: first.stdout as NodeJS.ReadableStream })) {
      if ((JSON.parse(line) as { type: string }).type === "dataset.item" && ++written === 5) break;
    }
    expect(written).toBe(5);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("close", resolve));
    const committed = (await lines(join(out, "state", "items.jsonl"))).length;
    expect(committed).toBeGreaterThanOrEqual(1);
    expect(committed).toBeLessThan(30);
    const saved = (await lines(join(out, "state", "checkpoint", "items.jsonl"))).filter(
      (line) => line.type === "node" && String(line.node).startsWith("LLMInference"),
    ).length;
    server.setLatency({});

    const second = await runWeft(
      ["run", SUMMARIZE, "--input", input, "--out", out, "--resume", "--quiet"].concat(
        "--config",
        await mockConfig(dir, server, { tag: "second", name: "second.yaml" }),
      ),
      TEST_ENV,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${committed} done before`);
    const ids = (await lines(join(out, "outputs", "000.jsonl"))).map((row) => row.item_id as string);
    expect(ids.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `s${i + 1}`).sort());
    expect(await lines(join(out, "state", "items.jsonl"))).toHaveLength(30);
    expect(tagged("second")).toHaveLength(30 - saved);
    const metadata = JSON.parse(await readFile(join(out, "metadata.json"), "utf8"));
    expect(metadata).toMatchObject({
      status: "completed",
      sessions: 2,
      counts: { items: 30, succeeded: 30 },
    });
  });

  it("reports each user error on one line with exit code 2", async () => {
    const dir = await tempDir();
    const input = await storiesFile(dir, 2);
    const other = await storiesFile(dir, 3, "other.jsonl");
    const config = await mockConfig(dir, server);
    const otherAlias = await mockConfig(dir, server, { alias: "other", name: "other-alias.yaml" });
    const invalid = join(dir, "invalid.yaml");
    await writeFile(
      invalid,
      "aliases:\n  fast:\n    model: { provider: openai, model: gpt-4o-mini }\n    rpm: -3\n",
    );
    const busy = join(dir, "busy");
    await mkdir(busy);
    await writeFile(join(busy, "notes.txt"), "mine\n");
    const done = join(dir, "done");
    const io = captureIO({ env: TEST_ENV, clock: systemClock, cwd: dir });
    expect(
      await runCli(["run", SUMMARIZE, "--input", input, "--out", done, "--config", config, "--quiet"], io),
    ).toBe(0);

    const run = (pipeline: string, extra: readonly string[]) => [
      "run",
      pipeline,
      "--input",
      input,
      "--out",
      join(dir, "fresh"),
      ...extra,
    ];
    const cases: [readonly string[], RegExp][] = [
      [
        run("missing.pipeline.ts", ["--config", config]),
        /^weft: pipeline file not found: missing\.pipeline\.ts$/,
      ],
      [
        ["run", SUMMARIZE, "--input", join(dir, "nope.jsonl"), "--out", join(dir, "x"), "--config", config],
        /^weft: input file not found: .*nope\.jsonl$/,
      ],
      [
        run(join(FIXTURES, "no-module.pipeline.ts"), ["--config", config]),
        /^weft: .*no-module\.pipeline\.ts does not export a weft module/,
      ],
      [
        run(SUMMARIZE, ["--config", otherAlias]),
        /^weft: the pipeline calls alias "fast" \(node LLMInference_3\), which the resource config does not define \(defined: other\)$/,
      ],
      [
        run(SUMMARIZE, ["--config", invalid]),
        /^weft: invalid resource config .*invalid\.yaml: aliases\.fast\.rpm \(line 4:\d+\): /,
      ],
      [
        ["run", SUMMARIZE, "--input", input, "--out", busy, "--config", config],
        /^weft: output folder .*busy is not empty: pass --resume/,
      ],
      [
        ["run", SUMMARIZE, "--input", other, "--out", done, "--config", config, "--resume"],
        /^weft: cannot resume .*done: the input file's content differs/,
      ],
      [
        [
          "run",
          join(FIXTURES, "summarize-v2.pipeline.ts"),
          "--input",
          input,
          "--out",
          done,
          "--config",
          config,
          "--resume",
        ],
        /^weft: cannot resume .*done: it was written for graph [0-9a-f]{12}, and this pipeline's graph is [0-9a-f]{12}$/,
      ],
      [
        run(SUMMARIZE, ["--config", config, "--concurrency", "0"]),
        /^weft: weft run: --concurrency must be a whole number >= 1, got "0"$/,
      ],
    ];
    const outcomes = await inBatches(
      cases.map(
        ([args]) =>
          () =>
            runWeft(args, TEST_ENV),
      ),
      2,
    );
    outcomes.forEach((outcome, index) => {
      const [args, expected] = cases[index] as [readonly string[], RegExp];
      expect({ args, code: outcome.code, stdout: outcome.stdout }).toEqual({ args, code: 2, stdout: "" });
      expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(outcome.stderr.trimEnd()).toMatch(expected);
    });
    expect(server.requests).toHaveLength(2);
  });

  it("inspect exits 1 on a schema mismatch, 0 when the schemas fit", async () => {
    const [mismatch, fine] = await inBatches(
      [
        () => runWeft(["inspect", join(FIXTURES, "mismatch.pipeline.ts")]),
        () => runWeft(["inspect", SUMMARIZE]),
      ],
      2,
    );
    expect(mismatch?.code).toBe(1);
    expect(mismatch?.stdout).toContain("│    out: { score: string }");
    expect(mismatch?.stdout).toContain(
      'schema check: 1 mismatch\n  Score_3 field "score" expects number, but LLMInference_2 (field "score") gives string',
    );
    expect(fine?.code).toBe(0);
    expect(fine?.stdout).toContain("input: { text: string }");
    expect(fine?.stdout).toContain("schema check: ok");
  });
});
