import type { GenerateRequest, Message } from "@weft/provider";
import { toJSONSchema, type z } from "zod";
import type { LLMInference } from "./llm-inference.js";

type MutableRequest = { -readonly [K in keyof GenerateRequest]: GenerateRequest[K] };

/** The JSON Schema of each output schema, made once: every call of a structured node sends the same one. */
const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = jsonSchemas.get(schema);
  if (!json) {
    const { $schema: _ignored, ...rest } = toJSONSchema(schema) as Record<string, unknown>;
    json = deepFreeze(rest);
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** Shared between requests, so frozen: a provider that changed it would change every later request. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Builds `llm.buildRequest(prompt, history)`: system prompt, few-shot turns, the prompt, the history, and only
 * the sampling and format fields the module sets. Runs once per LLM call, so it builds the request directly.
 * @internal
 */
export function buildLLMRequest(
  llm: LLMInference<z.ZodType | undefined>,
  prompt: string,
  history: readonly Message[],
): GenerateRequest {
  const system = llm.systemPrompt?.value;
  const messages: Message[] = [];
  if (system) messages.push({ role: "system", content: system });
  for (const turn of llm.fewShot) messages.push(turn);
  messages.push({ role: "user", content: prompt });
  for (const turn of history) messages.push(turn);
  const request: MutableRequest = { messages };
  if (llm.temperature !== undefined) request.temperature = llm.temperature;
  if (llm.maxTokens !== undefined) request.maxTokens = llm.maxTokens;
  if (llm.topP !== undefined) request.topP = llm.topP;
  if (llm.stop !== undefined) request.stop = llm.stop;
  if (llm.seed !== undefined) request.seed = llm.seed;
  if (llm.tools.length > 0) request.tools = llm.tools.map((tool) => tool.spec);
  if (llm.toolChoice !== undefined) request.toolChoice = llm.toolChoice;
  if (llm.outputSchema) {
    request.responseFormat = { type: "json", schema: jsonSchemaOf(llm.outputSchema), name: llm.outputName };
  }
  if (llm.providerOptions !== undefined) request.providerOptions = llm.providerOptions;
  return request;
}
