import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tracePipeline } from "@weft/runner";
import { checkSchemas } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { ArticleReport, Report } from "./pipeline.js";
import { runDemo } from "./run-demo.js";

describe("the demo", () => {
  it("runs end to end against the mock server: a report per article, a run folder, a trace and a timeline", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "weft-demo-")), "run");
    const lines: string[] = [];
    const { run, timeline } = await runDemo({
      env: {},
      out,
      log: (line) => lines.push(line),
      mockLatency: {},
    });

    expect(lines[0]).toMatch(
      /^No OPENAI_API_KEY, ANTHROPIC_API_KEY or WEFT_BASE_URL set: calling weft's mock server at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(run.status).toBe("completed");
    expect(run.metadata.counts).toMatchObject({ items: 8, succeeded: 8, failed: 0 });
    const rows = (await readFile(join(out, "outputs", "000.jsonl"), "utf8")).trim().split("\n");
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(Report.safeParse(JSON.parse(row).output).success).toBe(true);
    expect(run.profile?.totals.calls).toBe(8 * 3);
    await expect(stat(join(out, "trace.json"))).resolves.toBeTruthy();
    expect(await readFile(timeline, "utf8")).toMatch(/^<!doctype html>/i);
    expect(lines).toContain(`run folder: ${out}`);
    expect(lines.join("\n")).toContain("weft profile:");
  });

  it("wires its branches so every declared schema fits", () => {
    expect(checkSchemas(tracePipeline(new ArticleReport()))).toEqual([]);
  });
});
