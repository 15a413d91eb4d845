import { type Clock, executeToolCall, type Tool, Value } from "@weft/core";
import type { ToolCall } from "@weft/provider";
import type { RuntimeEvent, RuntimeEventContext } from "../events/runtime-events.js";

/** One tool call of an LLM node's tool loop: a traced sub-step with its TOOL_RESULT (or ERROR) Value. */
export interface ToolStep {
  /** `<nodeId>/tool[<step>.<index>]`: unique in the run; the `ref` of {@link result}. */
  readonly id: string;
  /** The model step (0-based) that asked for the call. */
  readonly step: number;
  readonly call: ToolCall;
  /** TOOL_RESULT (meta `toolName`, `toolCallId`) or ERROR when the tool failed or was unknown. */
  readonly result: Value;
  readonly durationMs: number;
}

/** Where the sub-steps' events go. */
export interface ToolEvents {
  readonly clock: Clock;
  readonly context: RuntimeEventContext;
  readonly emit: ((event: RuntimeEvent) => void) | undefined;
}

/**
 * Runs the tool calls of one model step concurrently. Each call is a sub-step with `node.started` /
 * `node.finished` events of kind `tool` and a Value whose ref is the sub-step id. A failing tool becomes an
 * ERROR Value the model is told about; only an abort is thrown.
 */
export function runToolCalls(
  tools: readonly Tool[],
  calls: readonly ToolCall[],
  step: number,
  signal: AbortSignal | undefined,
  events: ToolEvents,
): Promise<ToolStep[]> {
  const { clock, emit } = events;
  return Promise.all(
    calls.map(async (call, index) => {
      const id = `${events.context.nodeId}/tool[${step}.${index}]`;
      const context = { ...events.context, nodeId: id };
      const startedAt = clock.now();
      emit?.({ type: "node.started", time: startedAt, context, kind: "tool", attempt: 0 });
      const raw = await executeToolCall(tools, call, signal ? { signal } : {});
      const result = new Value(raw.kind, raw.isError() ? raw.error : raw.payload, {
        ref: id,
        meta: raw.meta,
      });
      const durationMs = clock.now() - startedAt;
      emit?.({
        type: "node.finished",
        time: clock.now(),
        context,
        kind: "tool",
        durationMs,
        ...(result.isError() ? { errorValue: true } : {}),
      });
      return { id, step, call, result, durationMs };
    }),
  );
}
