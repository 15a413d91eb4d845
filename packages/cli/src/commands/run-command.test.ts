import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ManualClock, systemClock } from "@weft/core";
import { type MockServer, type RecordedRequest, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO } from "../test-support/capture-io.js";
import { mockConfig, SUMMARIZE, storiesFile, TEST_ENV, tempDir } from "../test-support/mock-run.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 3 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
});

async function weftRun(dir: string, args: readonly string[], signal?: AbortSignal) {
  const io = captureIO({ env: TEST_ENV, clock: systemClock, cwd: dir, ...(signal ? { signal } : {}) });
  const code = await runCli(
    ["run", SUMMARIZE, "--input", "items.jsonl", "--out", "out", "--quiet", ...args],
    io,
  );
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

async function metadata(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, "out", "metadata.json"), "utf8")) as Record<string, unknown>;
}

async function outputIds(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, "out", "outputs", "000.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { item_id: string }).item_id)
    .sort();
}

/** Most requests the server was serving at once, from arrival and end times on its clock. */
function peakInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((request) => [
    [request.time, 1],
    [request.endTime ?? request.time, -1],
  ]);
  edges.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let open = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    open += delta as number;
    peak = Math.max(peak, open);
  }
  return peak;
}

describe("weft run (in-process, against the mock server)", () => {
  it("--limit reads only the first N entries, and a resume with a larger limit goes on from there", async () => {
    const dir = await tempDir();
    await storiesFile(dir, 10);
    const config = await mockConfig(dir, server);
    const first = await weftRun(dir, ["--config", config, "--limit", "3"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^run completed in \d+:\d\d: 3 items this session \(3 ok, 0 failed, 0 invalid\)$/m,
    );
    expect(first.stdout).toContain(`run folder: ${join(dir, "out")}`);
    expect(await outputIds(dir)).toEqual(["s1", "s2", "s3"]);
    expect(await metadata(dir)).toMatchObject({ input: { limit: 3, entries: 10 }, counts: { items: 3 } });

    const second = await weftRun(dir, ["--config", config, "--limit", "6", "--resume"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("3 items this session (3 ok, 0 failed, 0 invalid, 3 done before)");
    expect(await outputIds(dir)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    expect(server.requests).toHaveLength(6);
  });

  it("--concurrency N keeps exactly N calls in flight (server on a manual clock: no timing)", async () => {
    const clock = new ManualClock();
    const held = await startMockServer({ seed: 3, clock, latency: { timeToFirstTokenMs: 1_000 } });
    try {
      const dir = await tempDir();
      await storiesFile(dir, 9);
      const config = await mockConfig(dir, held);
      const run = weftRun(dir, ["--config", config, "--concurrency", "3"]);
      for (let round = 0; round < 3; round++) {
        // The server holds every reply until the clock moves: a round's calls are all in flight at once.
        await held.waitForRequest((request) => request.index === 3 * round + 2, { settled: false });
        expect(held.requests.filter((request) => request.outcome === "pending")).toHaveLength(3);
        await clock.advance(1_000);
      }
      expect((await run).code).toBe(0);
      expect(held.requests).toHaveLength(9);
      expect(held.requests.every((request) => request.status === 200)).toBe(true);
      expect(peakInFlight(held.requests)).toBe(3);
    } finally {
      await held.close();
    }
  });

  it("--budget-usd stops the run within the cap, exit code 1, and says how to go on", async () => {
    const dir = await tempDir();
    await storiesFile(dir, 20);
    const result = await weftRun(dir, [
      "--config",
      await mockConfig(dir, server),
      "--budget-usd",
      "0.0001",
      "--concurrency",
      "1",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^run stopped in \d+:\d\d: the budget of \$0\.0001 is spent/m);
    expect(result.stdout).toContain("go on with --resume and a larger --budget-usd");
    const written = (await metadata(dir)) as {
      cost_usd: number;
      stopped_by: string;
      counts: { items: number };
    };
    expect(written.stopped_by).toBe("budget");
    expect(written.cost_usd).toBeGreaterThan(0);
    expect(written.cost_usd).toBeLessThanOrEqual(0.0001);
    expect(written.counts.items).toBeGreaterThan(0);
    expect(written.counts.items).toBeLessThan(20);
  });

  it("stops on Ctrl-C (the io signal) with exit code 130, commits what is done, and resumes", async () => {
    const dir = await tempDir();
    await storiesFile(dir, 6);
    const config = await mockConfig(dir, server);
    const interrupt = new AbortController();
    interrupt.abort();
    const stopped = await weftRun(dir, ["--config", config], interrupt.signal);
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/^run interrupted after \d+:\d\d: 0 items this session/m);
    expect(stopped.stdout).toContain("go on with the same command and --resume");
    expect(await metadata(dir)).toMatchObject({ status: "interrupted", stopped_by: "signal" });

    const resumed = await weftRun(dir, ["--config", config, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(await outputIds(dir)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
  });
});
