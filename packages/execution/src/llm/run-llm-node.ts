import { type Clock, type LLMInference, toolResultMessage, Value } from "@weft/core";
import { addUsage, type GenerateResponse, type Message, UNKNOWN_USAGE, type Usage } from "@weft/provider";
import type { BudgetTracker, CallResult, ResourceManager } from "@weft/resources";
import type { z } from "zod";
import { StructuredOutputError } from "../errors/structured-output-error.js";
import { ToolStepLimitError } from "../errors/tool-step-limit-error.js";
import type { RuntimeEvent, RuntimeEventContext } from "../events/runtime-events.js";
import type { NodeDetails } from "../graph/exec-node.js";
import { isRejectedReply, issuesOf, rawTextOf, reaskMessage } from "./reask.js";
import { runToolCalls, type ToolStep } from "./run-tool-calls.js";
import { resolveSampleId, type SampleId } from "./sample-id.js";

/** How LLM nodes call models. */
export interface LlmSettings {
  /** Replies asked for when an output schema is declared: the first one plus re-asks. Default: 3. */
  readonly maxStructuredAttempts?: number;
  /** Model steps of a tool loop (each may call tools); the limit fails the node. Default: 10. */
  readonly maxToolSteps?: number;
  /** Stream replies (publishing `node.delta` events). Default: whether the model can stream. */
  readonly stream?: boolean;
  /** Per-attempt timeout passed to the resource manager. Default: the endpoint's. */
  readonly callTimeoutMs?: number;
  /**
   * Part of the response cache key of every call (see {@link SampleId}): a new id asks for a fresh sample, the
   * same id replays the cached one. `train()` sets one per step. Default: none (calls are keyed by content).
   */
  readonly sampleId?: SampleId;
}

/** Everything one LLM node call needs from its run. */
export interface LlmNodeCall extends LlmSettings {
  readonly manager: ResourceManager;
  readonly clock: Clock;
  /** Echoed on the resource manager's events and the node's sub-step events. */
  readonly context: RuntimeEventContext;
  readonly signal?: AbortSignal;
  readonly budget?: BudgetTracker;
  /** Served first by an endpoint whose slots are all held: higher first. Default: 0. */
  readonly priority?: number;
  readonly emit?: (event: RuntimeEvent) => void;
}

/** The details an LLM node keeps on its result (for metrics, profiling and records). */
export interface LlmDetails extends NodeDetails {
  readonly usage: Usage;
  /** Summed over calls; `undefined` when some call's cost is unknown. */
  readonly costUsd: number | undefined;
  readonly calls: number;
  /** Provider attempts over all calls (resource-manager retries included). */
  readonly attempts: number;
  readonly timeToFirstTokenMs: number | undefined;
  /** The last call's full response. */
  readonly response: GenerateResponse;
  /** Every call's result: response, cost, attempts, timings. */
  readonly callResults: readonly CallResult[];
  /** Replies asked for with the output schema (1 when the first was valid; 0 without a schema). */
  readonly structuredAttempts: number;
  readonly toolSteps: readonly ToolStep[];
}

type AnyLLM = LLMInference<z.ZodType | undefined>;

/** The `toolSteps` of every node whose model called no tool (one shared array, not one per node). */
const NO_TOOL_STEPS: readonly ToolStep[] = Object.freeze([]);

/**
 * Runs one `LLMInference` node: builds the request from the module (system prompt, few-shot turns, the
 * prompt, sampling, tools, the output schema as a JSON response format, which each provider maps to what its
 * model's capabilities allow), calls the alias through the resource manager, runs the tool loop (tool calls
 * of a step run concurrently, results go back to the model, until a final answer or `maxToolSteps`), and
 * validates a schema'd reply, re-asking with the issues up to `maxStructuredAttempts` replies before failing
 * with {@link StructuredOutputError}. Every call's usage and cost are counted.
 */
export async function runLlmNode(
  module: AnyLLM,
  prompt: string,
  call: LlmNodeCall,
): Promise<{ value: Value; details: LlmDetails }> {
  const nodeId = call.context.nodeId ?? "llm";
  const maxStructured = Math.max(1, call.maxStructuredAttempts ?? 3);
  const maxToolSteps = Math.max(1, call.maxToolSteps ?? 10);
  const history: Message[] = [];
  const callResults: CallResult[] = [];
  let toolSteps: ToolStep[] | undefined;
  let structuredAttempts = 0;
  let toolStep = 0;
  const sampleId = resolveSampleId(call.sampleId, call.context, module.alias);
  for (;;) {
    const result = await call.manager.generate(module.alias, module.buildRequest(prompt, history), {
      context: call.context,
      signal: call.signal,
      budget: call.budget,
      priority: call.priority,
      stream: call.stream,
      timeoutMs: call.callTimeoutMs,
      sampleId,
    });
    callResults.push(result);
    const response = result.response;
    if (response.toolCalls.length > 0 && module.tools.length > 0) {
      if (toolStep + 1 >= maxToolSteps) throw new ToolStepLimitError(nodeId, maxToolSteps);
      const events = { clock: call.clock, context: call.context, emit: call.emit };
      const steps = await runToolCalls(module.tools, response.toolCalls, toolStep, call.signal, events);
      toolSteps ??= [];
      toolSteps.push(...steps);
      history.push({ role: "assistant", content: response.text, toolCalls: response.toolCalls });
      for (const step of steps) history.push(toolResultMessage(step.result));
      toolStep++;
      continue;
    }
    const parsed = module.parseOutput(response.text);
    if (module.outputSchema) structuredAttempts++;
    if (isRejectedReply(parsed)) {
      const issues = issuesOf(parsed);
      if (structuredAttempts >= maxStructured) {
        throw new StructuredOutputError({
          nodeId,
          rawText: rawTextOf(parsed, response.text),
          issues,
          attempts: structuredAttempts,
          cause: parsed.error,
        });
      }
      history.push(
        { role: "assistant", content: response.text },
        { role: "user", content: reaskMessage(issues) },
      );
      continue;
    }
    const value = new Value(parsed.kind, parsed.payload, { ref: nodeId, meta: parsed.meta });
    return { value, details: detailsOf(callResults, structuredAttempts, toolSteps ?? NO_TOOL_STEPS) };
  }
}

function detailsOf(
  results: readonly CallResult[],
  structuredAttempts: number,
  toolSteps: readonly ToolStep[],
): LlmDetails {
  const last = results[results.length - 1] as CallResult;
  let usage: Usage = results.length === 1 ? last.response.usage : UNKNOWN_USAGE;
  let costUsd: number | undefined = results.length === 1 ? last.costUsd : 0;
  let attempts = results.length === 1 ? last.attempts : 0;
  if (results.length > 1) {
    for (const result of results) {
      usage = addUsage(usage, result.response.usage);
      costUsd = costUsd === undefined || result.costUsd === undefined ? undefined : costUsd + result.costUsd;
      attempts += result.attempts;
    }
  }
  return {
    usage,
    costUsd,
    calls: results.length,
    attempts,
    timeToFirstTokenMs: results[0]?.response.timing.timeToFirstTokenMs,
    response: last.response,
    callResults: results,
    structuredAttempts,
    toolSteps,
  };
}
