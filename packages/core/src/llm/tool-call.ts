import type { ToolCall, ToolMessage } from "@weft/provider";
import { OpError } from "../errors/op-error.js";
import { displayText } from "../value/display-text.js";
import { errorMessage, errorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import type { Tool } from "./tool.js";

/** Options of {@link executeToolCall}. */
export interface ExecuteToolCallOptions {
  /** Passed to the tool; when it is aborted, a failure is thrown instead of returned. Default: none. */
  readonly signal?: AbortSignal;
}

function callMeta(call: ToolCall) {
  return { [MetaKey.toolName]: call.toolName, [MetaKey.toolCallId]: call.toolCallId };
}

function failure(
  call: ToolCall,
  code: "unknown_tool" | "invalid_tool_arguments",
  message: string,
): Value<never> {
  return errorValue(new OpError(code, message), { [MetaKey.op]: "tool", ...callMeta(call) });
}

/**
 * Runs one tool call made by the model. Returns a TOOL_RESULT Value (payload: what `execute` returned;
 * meta `toolName`, `toolCallId`), or an ERROR Value with the same meta when the tool is unknown, the
 * arguments are not JSON or do not match `parameters`, or `execute` throws. Errors are data here so the
 * loop can tell the model; only an abort (the signal fired) is thrown.
 */
export async function executeToolCall(
  tools: readonly Tool[],
  call: ToolCall,
  options: ExecuteToolCallOptions = {},
): Promise<Value> {
  const tool = tools.find((candidate) => candidate.name === call.toolName);
  if (!tool) return failure(call, "unknown_tool", `Unknown tool: ${call.toolName}`);
  let raw: unknown;
  try {
    raw = call.input.trim() === "" ? {} : JSON.parse(call.input);
  } catch (cause) {
    return failure(call, "invalid_tool_arguments", `Tool arguments are not JSON: ${errorMessage(cause)}`);
  }
  const parsed = await tool.parameters.safeParseAsync(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.map(String).join(".")}: ` : "";
    return failure(
      call,
      "invalid_tool_arguments",
      `Invalid arguments for ${tool.name}: ${where}${first?.message ?? ""}`,
    );
  }
  try {
    const context = { toolCallId: call.toolCallId, ...(options.signal ? { signal: options.signal } : {}) };
    const result = await tool.execute(parsed.data, context);
    return new Value(ValueKind.TOOL_RESULT, result, { meta: callMeta(call) });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    return errorValue(cause, { [MetaKey.op]: "tool", ...callMeta(call) });
  }
}

/**
 * The provider message answering a tool call, from a TOOL_RESULT or ERROR Value made by
 * {@link executeToolCall}: the result as text (JSON for objects), or the error message with `isError`.
 */
export function toolResultMessage(result: Value): ToolMessage {
  const toolCallId = String(result.meta[MetaKey.toolCallId] ?? "");
  const toolName = String(result.meta[MetaKey.toolName] ?? "");
  if (result.kind === ValueKind.ERROR) {
    return { role: "tool", toolCallId, toolName, content: errorMessage(result.error), isError: true };
  }
  return { role: "tool", toolCallId, toolName, content: displayText(result.payload) };
}
