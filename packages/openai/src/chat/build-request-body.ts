import type { GenerateRequest, StructuredOutputStrategy } from "@weft/provider";
import { convertToOpenAIMessages } from "./convert-messages.js";
import { prepareTools } from "./prepare-tools.js";
import { planStructuredOutput, type StructuredOutputPlan } from "./structured-output.js";

/** Per-model settings that shape the request body. */
export interface RequestBodyOptions {
  readonly modelId: string;
  readonly stream: boolean;
  readonly strategy: StructuredOutputStrategy;
  readonly strictJsonSchema: boolean;
  /** Sends `max_completion_tokens`, a `developer` system role, and no sampling settings. */
  readonly reasoningModel: boolean;
  /** Sends `stream_options: { include_usage: true }` when streaming. */
  readonly includeUsage: boolean;
  /** The request's `providerOptions` key for this provider (`"openai"`, `"vllm"`, ...). */
  readonly providerOptionsKey: string;
}

/** A request body ready for the SDK, the structured-output plan to read the answer with, and warnings. */
export interface PreparedRequest {
  readonly body: Record<string, unknown>;
  readonly plan: StructuredOutputPlan;
  /** Settings that were dropped because the model does not accept them. */
  readonly warnings: readonly string[];
}

/**
 * Builds the chat-completions body for a request. `providerOptions[providerOptionsKey]` is merged
 * last, as raw API fields, so callers can reach anything this package does not model.
 */
export function buildRequestBody(request: GenerateRequest, options: RequestBodyOptions): PreparedRequest {
  const plan = planStructuredOutput({
    format: request.responseFormat,
    strategy: options.strategy,
    strictJsonSchema: options.strictJsonSchema,
    messages: request.messages,
    tools: request.tools,
    toolChoice: request.toolChoice,
  });
  const warnings: string[] = [];
  const body: Record<string, unknown> = {
    model: options.modelId,
    messages: convertToOpenAIMessages(plan.messages, {
      systemRole: options.reasoningModel ? "developer" : "system",
    }),
  };
  for (const [field, value] of [
    ["temperature", request.temperature],
    ["top_p", request.topP],
  ] as const) {
    if (value === undefined) continue;
    if (options.reasoningModel)
      warnings.push(`${field} is not supported by reasoning models and was not sent`);
    else body[field] = value;
  }
  if (request.maxTokens !== undefined) {
    body[options.reasoningModel ? "max_completion_tokens" : "max_tokens"] = request.maxTokens;
  }
  if (request.stop && request.stop.length > 0) body.stop = [...request.stop];
  if (request.seed !== undefined) body.seed = request.seed;
  Object.assign(body, prepareTools(plan.tools, plan.toolChoice), plan.body);
  if (options.stream) {
    body.stream = true;
    if (options.includeUsage) body.stream_options = { include_usage: true };
  }
  const extra = request.providerOptions?.[options.providerOptionsKey];
  for (const [field, value] of Object.entries(extra ?? {})) if (field !== "__proto__") body[field] = value;
  return { body, plan, warnings };
}
