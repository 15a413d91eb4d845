import {
  type FinishReason,
  type GenerateResponse,
  ProviderError,
  type ProviderErrorKind,
  type StreamPart,
  type ToolCall,
  type Usage,
} from "@weft/provider";

/**
 * A reply for {@link MockLanguageModel}, completed by the model: missing `usage` is estimated from the
 * request and the output, missing `finishReason` is `stop` (`tool-calls` when there are tool calls),
 * `timing` is measured on the model's clock and `response` names the model.
 */
export type MockResponseInit = { readonly [K in keyof GenerateResponse]?: GenerateResponse[K] };

/** One answer of `generate`: text shorthand, a (partial) response, or an error to reject with. */
export type MockGenerateResult = string | MockResponseInit | Error;

/** Exact stream parts to yield, in order, then optionally an error to throw (a stream cut mid-way). */
export interface MockStreamScript {
  readonly parts: readonly StreamPart[];
  /** Thrown after the last part. Default: none, the stream ends normally. */
  readonly error?: Error;
}

/** One answer of `stream`: anything `generate` accepts (converted to parts), or an exact script. */
export type MockStreamResult = MockGenerateResult | MockStreamScript;

/** A text reply, optionally with fixed usage (default: estimated by the model). */
export function textResponse(text: string, usage?: Usage): MockResponseInit {
  return usage === undefined ? { text } : { text, usage };
}

/** A structured-output reply: `value` as JSON text. */
export function objectResponse(value: unknown, usage?: Usage): MockResponseInit {
  return textResponse(JSON.stringify(value), usage);
}

/** A tool call to put in {@link toolCallResponse}; `input` is JSON text or a value to serialise. */
export interface MockToolCallInit {
  readonly toolName: string;
  readonly input: unknown;
  /** Default: `call_<n>` by position. */
  readonly toolCallId?: string;
}

/** A reply made of tool calls, finishing with reason `tool-calls`. */
export function toolCallResponse(
  calls: MockToolCallInit | readonly MockToolCallInit[],
  usage?: Usage,
): MockResponseInit {
  const list: readonly MockToolCallInit[] = Array.isArray(calls) ? calls : [calls as MockToolCallInit];
  const toolCalls: ToolCall[] = list.map((call, index) => ({
    toolCallId: call.toolCallId ?? `call_${index}`,
    toolName: call.toolName,
    input: typeof call.input === "string" ? call.input : JSON.stringify(call.input),
  }));
  const finishReason: FinishReason = { unified: "tool-calls", raw: "tool_calls" };
  return usage === undefined
    ? { text: "", toolCalls, finishReason }
    : { text: "", toolCalls, finishReason, usage };
}

const STATUS_BY_KIND: Partial<Record<ProviderErrorKind, number>> = {
  rate_limit: 429,
  quota: 429,
  overloaded: 529,
  transient: 500,
  auth: 401,
  invalid_request: 400,
  context_length: 400,
  content_filter: 400,
};

/** Fields of the error {@link failWith} builds; each defaults as stated. */
export interface FailWithOptions {
  /** Default: `"mock <kind>"`. */
  readonly message?: string;
  /** Default: the kind's usual HTTP status (429, 529, 500, 401, 400), none for timeout/aborted/unknown. */
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** Default: the kind's default retryability. */
  readonly isRetryable?: boolean;
  /** Default: `"mock"`. */
  readonly provider?: string;
  readonly responseBody?: unknown;
}

/** A `ProviderError` of `kind`, to use as a mock result: `generate: [failWith("rate_limit", { retryAfterMs: 50 }), "ok"]`. */
export function failWith(kind: ProviderErrorKind, options: FailWithOptions = {}): ProviderError {
  return new ProviderError({
    kind,
    message: options.message ?? `mock ${kind}`,
    provider: options.provider ?? "mock",
    status: options.status ?? STATUS_BY_KIND[kind],
    retryAfterMs: options.retryAfterMs,
    isRetryable: options.isRetryable,
    responseBody: options.responseBody,
  });
}

/** A stream answer that yields exactly `parts`, then throws `options.error` if given. */
export function streamParts(
  parts: readonly StreamPart[],
  options: { readonly error?: Error } = {},
): MockStreamScript {
  return options.error === undefined ? { parts } : { parts, error: options.error };
}

/** Whether a stream result is an exact script rather than a response to convert. */
export function isStreamScript(result: MockStreamResult): result is MockStreamScript {
  return (
    typeof result === "object" &&
    !(result instanceof Error) &&
    Array.isArray((result as MockStreamScript).parts)
  );
}
