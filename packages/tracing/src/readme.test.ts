// The README example, kept compiling and running.
import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkSchemas, graphFromJSON, map, route, sideOutput, trace } from "./index.js";

class Sections extends LeafModule {
  async forward(doc: string): Promise<string[]> {
    return doc.split("\n\n");
  }
}

class Review extends Module {
  sections = new Sections();
  summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize the section." });
  triage = new LLMInference({ alias: "fast", outputSchema: z.object({ kind: z.enum(["bug", "idea"]) }) });
  fix = new LLMInference({ alias: "smart", systemPrompt: "Propose a fix." });

  forward(doc: Value<string>) {
    const summaries = map(this.sections.call(doc), this.summarize);
    const kind = this.triage.call(prompt`Classify: ${doc}`).get("kind");
    const next = route(kind, { bug: () => this.fix.call(doc), idea: () => doc });
    sideOutput("kind", kind);
    return { summaries, next };
  }
}

describe("README example", () => {
  it("traces, hashes, checks, exports and round-trips", () => {
    const module = new Review();
    const graph = trace(module, "first part\n\nsecond part");
    expect(graph.order).toEqual([
      "input:input_0",
      "Sections_1",
      "map_2",
      "prompt_3",
      "LLMInference_4",
      "get_5",
      "route_6",
      "LLMInference_7",
      "join_8",
    ]);
    expect(graph.hash).toBe(trace(module, "another document").hash);
    expect(checkSchemas(graph)).toEqual([]);
    expect(graph.toMermaid()).toMatch(/^flowchart TB/);
    expect(graphFromJSON(JSON.stringify(graph), { module }).hash).toBe(graph.hash);
  });
});
