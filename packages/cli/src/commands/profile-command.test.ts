import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { systemClock } from "@weft/core";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO } from "../test-support/capture-io.js";
import { mockConfig, SUMMARIZE, storiesFile, TEST_ENV, tempDir } from "../test-support/mock-run.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 9 });
});
afterAll(() => server.close());

describe("weft run --profile and weft profile", () => {
  it("writes trace.json with the run, summarizes it, and draws the HTML timeline", async () => {
    const dir = await tempDir();
    await storiesFile(dir, 4);
    const io = captureIO({ env: TEST_ENV, clock: systemClock, cwd: dir });
    const args = ["run", SUMMARIZE, "--input", "items.jsonl", "--out", "out", "--quiet", "--profile"];
    expect(await runCli([...args, "--config", await mockConfig(dir, server)], io)).toBe(0);
    const trace = join(dir, "out", "trace.json");
    expect(io.stdout.text()).toContain(`trace: ${trace}`);
    expect(io.stdout.text()).toMatch(/weft profile: .* 4 calls \(0 failed, 0 cached\)/);

    const profile = captureIO({ cwd: dir });
    expect(await runCli(["profile", "out/trace.json", "--html", "timeline.html"], profile)).toBe(0);
    expect(profile.stdout.text()).toMatch(/^weft profile: .* 1 aliases, 4 calls/);
    expect(profile.stdout.text()).toContain(`timeline: ${join(dir, "timeline.html")}`);
    expect(await readFile(join(dir, "timeline.html"), "utf8")).toMatch(/^<!doctype html>/i);
  });

  it("reports a missing or malformed trace as a user error", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "bad.json"), '{"traceEvents": 3}');
    const missing = captureIO({ cwd: dir });
    expect(await runCli(["profile", "none.json"], missing)).toBe(2);
    expect(missing.stderr.text()).toBe("weft: trace file not found: none.json\n");
    const bad = captureIO({ cwd: dir });
    expect(await runCli(["profile", "bad.json"], bad)).toBe(2);
    expect(bad.stderr.text()).toMatch(/^weft: .*bad\.json: .*\n$/);
  });
});
