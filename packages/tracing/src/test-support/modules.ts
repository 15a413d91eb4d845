// Modules shared by this package's tests.
import { LeafModule, LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { z } from "zod";

/** Upper-cases text; counts its runs so tests can prove leaves never run while tracing. */
export class Upper extends LeafModule {
  runs = 0;
  async forward(text: string): Promise<string> {
    this.runs += 1;
    return text.toUpperCase();
  }
}

/** Declares `{ text: string }` in and `{ n: number }` out. */
export class Counter extends LeafModule {
  readonly inputSchema = z.object({ text: z.string() });
  readonly outputSchema = z.object({ n: z.number() });
  async forward(input: { text: string }): Promise<{ n: number }> {
    return { n: input.text.length };
  }
}

/** Joins two texts with a configurable separator (a config field). */
export class Joiner extends LeafModule {
  constructor(readonly separator = " ") {
    super();
  }
  async forward(a: string, b: string): Promise<string> {
    return `${a}${this.separator}${b}`;
  }
}

/** Composite: one LLM call on a prompt. */
export class Summarizer extends Module {
  style = new Parameter("Be brief.", { description: "Style rules for summaries" });
  llm = new LLMInference({ alias: "fast", systemPrompt: "Summarize." });
  forward(text: Value<string>): Value<string> {
    return this.llm.call(prompt`${this.style} Text: ${text}`);
  }
}

/** Composite of composites: summarize, then judge with a schema. */
export class Analyzer extends Module {
  summarize = new Summarizer();
  judge = new LLMInference({ alias: "judge", outputSchema: z.object({ score: z.number() }) });
  forward(text: Value<string>) {
    const summary = this.summarize.call(text);
    return { summary, verdict: this.judge.call(prompt`Rate: ${summary}`) };
  }
}
