import {
  type GenerateRequest,
  type GenerateResponse,
  type LanguageModel,
  ProviderError,
  type ProviderErrorKind,
  parseRetryAfterMs,
  type StreamPart,
  type ToolCall,
} from "@weft/provider";
import OpenAI from "openai";

// A small but honest provider over the real `openai` SDK, used to show that a correct implementation
// passes the conformance suite against the mock server. For tests only; @weft/openai is the real one.

type Body = OpenAI.ChatCompletionCreateParamsNonStreaming;

function toBody(request: GenerateRequest, model: string): Body {
  const messages = request.messages.map((message): OpenAI.ChatCompletionMessageParam => {
    if (message.role === "tool")
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    if (message.role === "assistant") {
      const calls = (message.toolCalls ?? []).map((call) => ({
        id: call.toolCallId,
        type: "function" as const,
        function: { name: call.toolName, arguments: call.input },
      }));
      return calls.length > 0
        ? { role: "assistant", content: message.content || null, tool_calls: calls }
        : { role: "assistant", content: message.content };
    }
    return { role: message.role, content: message.content };
  });
  const body: Body = { model, messages };
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.tools?.length)
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, parameters: tool.inputSchema as Record<string, unknown> },
    }));
  const choice = request.toolChoice;
  if (choice !== undefined)
    body.tool_choice =
      typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
  const format = request.responseFormat;
  if (format?.type === "json" && format.schema) {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: format.name ?? "response", schema: format.schema as Record<string, unknown> },
    };
  }
  return body;
}

function classify(error: unknown, signal: AbortSignal | undefined): ProviderError {
  const make = (kind: ProviderErrorKind, extra: { status?: number; retryAfterMs?: number } = {}) =>
    new ProviderError({
      kind,
      message: `reference: ${error instanceof Error ? error.message : String(error)}`,
      provider: "reference.chat",
      cause: error,
      ...extra,
    });
  if (signal?.aborted) return make("aborted");
  if (ProviderError.is(error)) return error;
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const { status } = error;
    if (status === 429 && error.code === "insufficient_quota") return make("quota", { status });
    if (status === 429) return make("rate_limit", { status, retryAfterMs: parseRetryAfterMs(error.headers) });
    if (status === 401 || status === 403) return make("auth", { status });
    if (status === 400 && error.code === "context_length_exceeded") return make("context_length", { status });
    if (status === 400 || status === 404 || status === 422) return make("invalid_request", { status });
    if (status === 503 || status === 529) return make("overloaded", { status });
    return make(status >= 500 || status === 408 || status === 409 ? "transient" : "unknown", { status });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) return make("timeout");
  if (error instanceof OpenAI.APIError) return make("transient"); // an error inside a 200 stream
  if (
    error instanceof SyntaxError ||
    error instanceof TypeError ||
    error instanceof OpenAI.APIConnectionError
  )
    return make("transient");
  return make("unknown");
}

const usageOf = (usage: OpenAI.CompletionUsage | null | undefined) => ({
  inputTokens: usage?.prompt_tokens,
  outputTokens: usage?.completion_tokens,
});

/** Options of {@link referenceOpenAIModel}. */
export interface ReferenceModelOptions {
  /** Default: `"gpt-4o"`. */
  readonly modelId?: string;
  /** The SDK's retries. Default: 0; `"sdk-default"` leaves the SDK's own default (2 retries). */
  readonly maxRetries?: number | "sdk-default";
  /** The SDK's per-attempt timeout in milliseconds. Default: the SDK's (10 minutes). */
  readonly timeoutMs?: number;
}

/** A LanguageModel over the `openai` SDK pointed at `baseURL`. For tests only. */
export function referenceOpenAIModel(baseURL: string, options: ReferenceModelOptions = {}): LanguageModel {
  const modelId = options.modelId ?? "gpt-4o";
  const client = new OpenAI({
    apiKey: "sk-reference-secret",
    baseURL,
    logLevel: "off",
    ...(options.maxRetries === "sdk-default" ? {} : { maxRetries: options.maxRetries ?? 0 }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  return {
    specificationVersion: "v1",
    provider: "reference.chat",
    modelId,
    capabilities: { structuredOutput: "json-schema", tools: true, streaming: true, streamingUsage: true },
    async generate(request, options): Promise<GenerateResponse> {
      const started = performance.now();
      try {
        const { data } = await client.chat.completions
          .create(toBody(request, modelId), { headers: request.headers, signal: options?.signal })
          .withResponse();
        const message = data.choices[0]?.message;
        const toolCalls: ToolCall[] = (message?.tool_calls ?? []).flatMap((call) =>
          call.type === "function"
            ? [{ toolCallId: call.id, toolName: call.function.name, input: call.function.arguments }]
            : [],
        );
        const raw = data.choices[0]?.finish_reason ?? undefined;
        const unified = raw === "tool_calls" ? "tool-calls" : raw === "length" ? "length" : "stop";
        return {
          text: message?.content ?? "",
          toolCalls,
          reasoning: undefined,
          finishReason: { unified, raw },
          usage: usageOf(data.usage),
          timing: { timeToFirstTokenMs: undefined, totalMs: performance.now() - started },
          response: { id: data.id, modelId: data.model },
          rateLimit: undefined,
        };
      } catch (error) {
        throw classify(error, options?.signal);
      }
    },
    async *stream(request, options): AsyncGenerator<StreamPart> {
      const started = performance.now();
      const signal = options?.signal;
      try {
        const body = {
          ...toBody(request, modelId),
          stream: true as const,
          stream_options: { include_usage: true },
        };
        const stream = await client.chat.completions.create(body, { headers: request.headers, signal });
        yield { type: "response-metadata", response: { id: undefined, modelId }, rateLimit: undefined };
        const calls = new Map<number, { toolCallId: string; toolName: string; input: string }>();
        let finish: string | undefined;
        let usage: OpenAI.CompletionUsage | undefined;
        for await (const chunk of stream) {
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices[0];
          if (choice?.delta.content) yield { type: "text-delta", delta: choice.delta.content };
          for (const delta of choice?.delta.tool_calls ?? []) {
            if (delta.id && delta.function?.name) {
              calls.set(delta.index, { toolCallId: delta.id, toolName: delta.function.name, input: "" });
              yield { type: "tool-call-start", toolCallId: delta.id, toolName: delta.function.name };
            }
            const call = calls.get(delta.index);
            if (call && delta.function?.arguments) {
              call.input += delta.function.arguments;
              yield {
                type: "tool-call-delta",
                toolCallId: call.toolCallId,
                inputDelta: delta.function.arguments,
              };
            }
          }
          if (choice?.finish_reason) finish = choice.finish_reason;
        }
        if (signal?.aborted) throw new Error("aborted");
        if (finish === undefined)
          throw new ProviderError({
            kind: "transient",
            message: "reference: the stream ended early",
            provider: "reference.chat",
          });
        for (const call of calls.values()) yield { type: "tool-call", toolCall: call };
        const unified = finish === "tool_calls" ? "tool-calls" : finish === "length" ? "length" : "stop";
        yield {
          type: "finish",
          finishReason: { unified, raw: finish },
          usage: usageOf(usage),
          timing: { timeToFirstTokenMs: undefined, totalMs: performance.now() - started },
        };
      } catch (error) {
        throw classify(error, signal);
      }
    },
  };
}
