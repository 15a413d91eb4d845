import { LLMInference, ManualClock, Module, Parameter, prompt, type Value } from "@weft/core";
import type { GenerateRequest, LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";

/** The last user message of a request. */
export function userOf(request: GenerateRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user");
  return last?.content ?? "";
}

/** The system message of a request, `""` when none. */
export function systemOf(request: GenerateRequest): string {
  return request.messages.find((message) => message.role === "system")?.content ?? "";
}

/** A manager serving one model per alias, on a manual clock, priced at $1 / $2 per million tokens. */
export function managerFor(models: Readonly<Record<string, LanguageModel>>): {
  manager: ResourceManager;
  clock: ManualClock;
} {
  const clock = new ManualClock();
  const aliases: Record<
    string,
    { model: LanguageModel; pricing: { inputPerMTok: number; outputPerMTok: number } }
  > = {};
  for (const [alias, model] of Object.entries(models)) {
    aliases[alias] = { model, pricing: { inputPerMTok: 1, outputPerMTok: 2 } };
  }
  return { manager: new ResourceManager({ aliases }, { clock }), clock };
}

/** A model that answers `<system|user>` so tests can see what it was asked. */
export function echoModel(): MockLanguageModel {
  return new MockLanguageModel({ generate: (request) => `<${systemOf(request)}|${userOf(request)}>` });
}

/** A two-stage pipeline with a learnable system prompt in each stage. */
export class TwoStage extends Module {
  first = new LLMInference({
    alias: "task",
    systemPrompt: new Parameter("Draft an answer.", { description: "How the first stage drafts" }),
  });
  second = new LLMInference({
    alias: "task",
    systemPrompt: new Parameter("Polish the draft.", { description: "How the second stage polishes" }),
  });
  forward(question: Value<string>) {
    const draft = this.first.call(prompt`Question: ${question}`);
    return this.second.call(prompt`Draft: ${draft}`);
  }
}

/** Runs the clock until `promise` settles, firing timers one at a time. */
export async function driveClock<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  for (let guard = 0; !settled && guard < 100_000; guard++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    if (clock.pending > 0) await clock.runAll(1);
  }
  return watched;
}

/** The text between `<tag ...>` and `</tag>` in a prompt, `""` when absent. */
export function tagOf(text: string, tag: string): string {
  const match = new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`).exec(text);
  return match?.[1]?.trim() ?? "";
}

/** The value of attribute `name` on the first `<tag ...>` of a prompt. */
export function attributeOf(text: string, tag: string, name: string): string {
  const match = new RegExp(`<${tag} [^>]*${name}="([^"]*)"`).exec(text);
  return match?.[1] ?? "";
}
