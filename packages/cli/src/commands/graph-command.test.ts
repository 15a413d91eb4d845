import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { graphFromJSON } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO } from "../test-support/capture-io.js";
import { SUMMARIZE, tempDir } from "../test-support/mock-run.js";

describe("weft graph", () => {
  it("prints the traced graph as DOT, Mermaid or graph.json", async () => {
    const dot = captureIO();
    expect(await runCli(["graph", SUMMARIZE, "--format", "dot"], dot)).toBe(0);
    expect(dot.stdout.text()).toMatch(/^digraph /);
    expect(dot.stdout.text()).toContain("LLMInference");

    const mermaid = captureIO();
    expect(await runCli(["graph", SUMMARIZE, "--format", "mermaid"], mermaid)).toBe(0);
    expect(mermaid.stdout.text()).toMatch(/^flowchart TB\n/);
    expect(mermaid.stdout.text()).toContain("n2 --> n3");

    const json = captureIO();
    expect(await runCli(["graph", SUMMARIZE, "-f", "json"], json)).toBe(0);
    const graph = graphFromJSON(JSON.parse(json.stdout.text()));
    expect(graph.order).toEqual(["input:input_0", "get_1", "prompt_2", "LLMInference_3"]);
  });

  it("writes to --out, and refuses an unknown format with exit code 2", async () => {
    const dir = await tempDir();
    const io = captureIO({ cwd: dir });
    expect(await runCli(["graph", SUMMARIZE, "--format", "json", "--out", "g.json"], io)).toBe(0);
    expect(io.stdout.text()).toBe(`wrote ${join(dir, "g.json")}\n`);
    expect(JSON.parse(await readFile(join(dir, "g.json"), "utf8"))).toMatchObject({
      format: "weft.inference-graph",
    });

    const bad = captureIO();
    expect(await runCli(["graph", SUMMARIZE, "--format", "png"], bad)).toBe(2);
    expect(bad.stderr.text()).toBe(
      'weft: weft graph: --format must be one of dot, mermaid, json, got "png"\n',
    );
  });
});
