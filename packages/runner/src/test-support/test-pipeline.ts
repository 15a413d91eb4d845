// Test support: a two-call pipeline and a mock-server-backed resource config.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import type { ResourceConfigInput } from "@weft/resources";
import { type MockServer, TAG_HEADER } from "@weft/testing";
import { z } from "zod";

/** Throws for texts containing "FAIL", so a test can make one item fail. */
export class Guard extends LeafModule {
  forward(text: string): string {
    if (text.includes("FAIL")) throw new RangeError(`refused: ${text}`);
    return text;
  }
}

/** Summarize a text, then rate the summary (structured output). Input `{ id, text }`. */
export class SummarizeAndRate extends Module {
  readonly inputSchema = z.object({ id: z.string(), text: z.string().min(1) });
  guard = new Guard();
  summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize in one line.", maxTokens: 24 });
  rate = new LLMInference({
    alias: "fast",
    systemPrompt: "Rate the summary.",
    maxTokens: 40,
    outputSchema: z.object({ score: z.number() }),
  });

  forward(item: Value<{ id: string; text: string }>) {
    const summary = this.summarize.call(prompt`Text: ${this.guard.call(item.get("text"))}`);
    return { summary, rating: this.rate.call(prompt`Summary: ${summary}`) };
  }
}

/** LLM calls per item of {@link SummarizeAndRate}. */
export const CALLS_PER_ITEM = 2;

/**
 * A config whose alias `fast` is gpt-4o-mini (a priced model) on the mock server; `tag` marks its requests in
 * the server's log (`request.tag`).
 */
export function mockResources(server: MockServer, tag = "test"): ResourceConfigInput {
  const model = createOpenAI({
    apiKey: "test-key",
    baseURL: server.openaiBaseURL,
    headers: { [TAG_HEADER]: tag },
  }).languageModel("gpt-4o-mini");
  return { aliases: { fast: { model } } };
}

/** `{ id, text }` entries `item-1` ... `item-n`. */
export function items(n: number): { id: string; text: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `item-${i + 1}`, text: `Story number ${i + 1}.` }));
}

/** LLM node results execution's checkpoint log in `dir` holds: calls a resume will not make again. */
export async function checkpointedCalls(dir: string): Promise<number> {
  const text = await readFile(join(dir, "state", "checkpoint", "items.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { type: string; node?: string })
    .filter((line) => line.type === "node" && line.node?.startsWith("LLMInference")).length;
}
