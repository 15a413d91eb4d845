import type { GenerateRequest, StructuredOutputStrategy } from "@weft/provider";
import { convertToAnthropicMessages } from "./convert-messages.js";
import { prepareTools } from "./prepare-tools.js";
import { type AnthropicOutputPlan, planAnthropicOutput } from "./structured-output.js";

/** Per-model settings that shape the request body. */
export interface RequestBodyOptions {
  readonly modelId: string;
  readonly provider: string;
  readonly stream: boolean;
  readonly strategy: StructuredOutputStrategy;
  /** `max_tokens` when the request sets none (the API requires it). */
  readonly defaultMaxTokens: number;
}

/** A request body ready for the SDK, the plan to read the answer with, and warnings. */
export interface PreparedRequest {
  readonly body: Record<string, unknown>;
  readonly plan: AnthropicOutputPlan;
  /** Settings that were not sent because the API does not take them. */
  readonly warnings: readonly string[];
}

/**
 * Builds the Messages API body. `max_tokens` is always sent (required by the API). Anthropic rejects
 * `temperature` together with `top_p` on current models, so `top_p` is only sent alone.
 * `providerOptions.anthropic` is merged last as raw API fields (`thinking`, `metadata`, `top_k`, ...).
 */
export function buildRequestBody(request: GenerateRequest, options: RequestBodyOptions): PreparedRequest {
  const plan = planAnthropicOutput({
    format: request.responseFormat,
    strategy: options.strategy,
    tools: request.tools,
    toolChoice: request.toolChoice,
  });
  const prompt = convertToAnthropicMessages(request.messages, options.provider);
  const system = [prompt.system, plan.systemSuffix].filter((part) => part !== undefined).join("\n\n");
  const body: Record<string, unknown> = {
    model: options.modelId,
    max_tokens: request.maxTokens ?? options.defaultMaxTokens,
    messages: prompt.messages,
  };
  if (system !== "") body.system = system;
  const warnings: string[] = [];
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) {
    if (request.temperature === undefined) body.top_p = request.topP;
    else warnings.push("topP is not sent together with temperature");
  }
  if (request.seed !== undefined) warnings.push("seed is not supported by Anthropic and was not sent");
  if (request.stop && request.stop.length > 0) body.stop_sequences = [...request.stop];
  Object.assign(body, prepareTools(plan.tools, plan.toolChoice), plan.body);
  if (options.stream) body.stream = true;
  for (const [field, value] of Object.entries(request.providerOptions?.anthropic ?? {})) {
    if (field !== "__proto__") body[field] = value;
  }
  relaxForcedToolForThinking(body, plan.answerTool, warnings);
  return { body, plan, warnings };
}

/**
 * The API refuses extended thinking together with a tool choice that forces tool use. With thinking on,
 * the answer tool is offered with `tool_choice: auto` and the system prompt asks the model to use it.
 */
function relaxForcedToolForThinking(
  body: Record<string, unknown>,
  answerTool: string | undefined,
  warnings: string[],
): void {
  const thinking = (body.thinking as { type?: unknown } | undefined)?.type;
  const choice = (body.tool_choice as { type?: unknown } | undefined)?.type;
  if (answerTool === undefined || (thinking !== "enabled" && thinking !== "adaptive")) return;
  if (choice !== "tool" && choice !== "any") return;
  body.tool_choice = { type: "auto" };
  const ask = `Give your final answer by calling the \`${answerTool}\` tool.`;
  body.system = typeof body.system === "string" && body.system !== "" ? `${body.system}\n\n${ask}` : ask;
  warnings.push("thinking is on, so the answer tool is offered with tool_choice auto instead of forced");
}
