// A small real pipeline for tests and the docs example: a user leaf module, a fan-out over one alias, a chain into
// another, run by @weft/execution against @weft/testing's mock server through the real @weft/openai provider.
import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import { ResourceManager } from "@weft/resources";
import type { MockServer } from "@weft/testing";
import { map } from "@weft/tracing";

/** Splits a text into words (user code: a compute-track node). */
export class SplitWords extends LeafModule {
  forward(text: string): string[] {
    return text.split(" ").filter((word) => word.length > 0);
  }
}

/** Joins the per-word answers (user code). */
export class JoinAnswers extends LeafModule {
  forward(answers: string[]): string {
    return answers.join(" | ");
  }
}

/** split (leaf) -> one `fast` call per word (fan-out) -> join (leaf) -> one `smart` call (chain). */
export class WordPipeline extends Module {
  split = new SplitWords();
  each = new LLMInference({ alias: "fast", maxTokens: 16 });
  join = new JoinAnswers();
  summarize = new LLMInference({ alias: "smart", maxTokens: 24 });
  forward(text: Value<string>) {
    const answers = map(this.split.call(text), (word) => this.each.call(prompt`Define ${word}`));
    return this.summarize.call(prompt`Summarize: ${this.join.call(answers)}`);
  }
}

/** Slots of each alias in {@link pipelineManager}. */
export const PIPELINE_SLOTS = { fast: 2, smart: 1 } as const;

/** A resource manager with aliases `fast` (2 slots) and `smart` (1 slot) on the real OpenAI provider. */
export function pipelineManager(server: MockServer): ResourceManager {
  const openai = createOpenAI({ apiKey: "test-key", baseURL: server.openaiBaseURL });
  return new ResourceManager({
    aliases: {
      fast: {
        model: openai.languageModel("gpt-4o-mini"),
        maxConcurrent: PIPELINE_SLOTS.fast,
        adaptive: false,
        pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
      },
      smart: {
        model: openai.languageModel("gpt-4o"),
        maxConcurrent: PIPELINE_SLOTS.smart,
        adaptive: false,
        pricing: { inputPerMTok: 2.5, outputPerMTok: 10 },
      },
    },
  });
}

/**
 * The critical path of one pipeline input, a step named by module path or kind: through the fan-out's slowest
 * element (its input, prompt and `each` call), then the fan-out's gather.
 */
export const PIPELINE_CRITICAL_PATH = [
  "input",
  "split",
  "input",
  "render",
  "each",
  "map",
  "join",
  "render",
  "summarize",
] as const;

/** How {@link PIPELINE_CRITICAL_PATH} names a step. */
export const stepName = (step: { readonly modulePath?: string; readonly kind: string }): string =>
  step.modulePath || step.kind;
