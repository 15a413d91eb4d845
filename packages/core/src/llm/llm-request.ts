import type { GenerateRequest, Message } from "@weft/provider";
import { toJSONSchema, type z } from "zod";
import type { LLMInference } from "./llm-inference.js";

function defined<T extends object>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Builds `llm.buildRequest(prompt, history)`. @internal */
export function buildLLMRequest(
  llm: LLMInference<z.ZodType | undefined>,
  prompt: string,
  history: readonly Message[],
): GenerateRequest {
  const system = llm.systemPrompt?.value;
  const messages: Message[] = [
    ...(system ? [{ role: "system" as const, content: system }] : []),
    ...llm.fewShot,
    { role: "user", content: prompt },
    ...history,
  ];
  let responseFormat: GenerateRequest["responseFormat"];
  if (llm.outputSchema) {
    const { $schema: _ignored, ...schema } = toJSONSchema(llm.outputSchema) as Record<string, unknown>;
    responseFormat = { type: "json", schema, name: llm.outputName };
  }
  return {
    messages,
    ...defined({
      temperature: llm.temperature,
      maxTokens: llm.maxTokens,
      topP: llm.topP,
      stop: llm.stop,
      seed: llm.seed,
      tools: llm.tools.length > 0 ? llm.tools.map((tool) => tool.spec) : undefined,
      toolChoice: llm.toolChoice,
      responseFormat,
      providerOptions: llm.providerOptions,
    }),
  };
}
