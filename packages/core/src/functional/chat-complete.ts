import type { GenerateRequest, GenerateResponse } from "@weft/provider";
import { isTracing } from "../dispatch/trace-handler.js";
import { OpError } from "../errors/op-error.js";
import { TraceError } from "../errors/trace-error.js";
import { type ErrorValue, errorValue, opErrorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { collectRefs } from "../value/refs.js";
import { unwrap } from "../value/unwrap.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";

/** An OpenAI-style client: `client.chat.completions.create(body)`. */
export interface ChatCompletionsClient {
  readonly chat: { readonly completions: { create(body: Record<string, unknown>): Promise<unknown> } };
}

/** Anything with the LanguageModel `generate` method (a weft provider model or a test double). */
export interface GenerateClient {
  generate(request: GenerateRequest): Promise<GenerateResponse>;
}

/** The request of {@link chatComplete}; other keys are forwarded as they are. */
export interface ChatCompleteRequest {
  /** A list of messages, or a Value holding one. */
  readonly messages: unknown;
  /** Sent as `model` to a chat-completions client; ignored by a LanguageModel (it knows its model). */
  readonly model?: string;
  readonly temperature?: number;
  /** Sent as `max_tokens` to a chat-completions client and `maxTokens` to a LanguageModel. */
  readonly maxTokens?: number;
  readonly [option: string]: unknown;
}

function httpStatusOf(error: unknown): number | undefined {
  for (const key of ["status_code", "status", "http_status", "httpStatus"]) {
    const status = (error as Record<string, unknown> | null)?.[key];
    if (Number.isInteger(status)) return status as number;
  }
  return undefined;
}

/** The thrown error itself becomes the payload, so a ProviderError keeps its kind and retryability. */
function clientFailure(cause: unknown, messages: unknown): ErrorValue {
  const status = httpStatusOf(cause);
  const error = cause instanceof Error ? cause : new OpError("client_failed", String(cause));
  return errorValue(error, {
    [MetaKey.op]: "chatComplete",
    [MetaKey.sourceRefs]: collectRefs(messages),
    ...(status === undefined ? {} : { [MetaKey.httpStatus]: status }),
  });
}

function hasCreate(client: unknown): client is ChatCompletionsClient {
  const create = (client as { chat?: { completions?: { create?: unknown } } } | null)?.chat?.completions
    ?.create;
  return typeof create === "function";
}

function hasGenerate(client: unknown): client is GenerateClient {
  return typeof (client as { generate?: unknown } | null)?.generate === "function";
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/**
 * Calls a chat model once and wraps the raw response as a RESPONSE Value. `client` is an OpenAI-style
 * client (`chat.completions.create`) or anything with a LanguageModel `generate` method. Only options that
 * are set are sent. An ERROR in `messages` is returned unchanged; messages that are not a list, a client
 * with neither method, or a failed call give an ERROR Value (meta `op`, `httpStatus` when the error had
 * one). Not traceable: it is async; calling it while tracing throws a TraceError (use an LLMInference, or
 * call it inside a LeafModule).
 */
export function chatComplete(client: unknown, request: ChatCompleteRequest): Promise<Value> {
  if (isTracing()) {
    throw new TraceError(
      "async_op",
      "F.chatComplete cannot be traced: it is async and calls a client directly. Use an LLMInference " +
        "module (resources, retries and rate limits apply), or call F.chatComplete inside a LeafModule.",
    );
  }
  return chatCompleteNow(client, request);
}

async function chatCompleteNow(client: unknown, request: ChatCompleteRequest): Promise<Value> {
  const { messages, model, temperature, maxTokens, ...rest } = request;
  const error = resolveErrors([messages]);
  if (error) return error;
  const list = unwrap(messages);
  if (!Array.isArray(list))
    return opErrorValue("chatComplete", "not_list", "messages must be a list", [messages]);
  try {
    if (hasGenerate(client)) {
      const body = defined({ ...rest, messages: list, temperature, maxTokens });
      return new Value(ValueKind.RESPONSE, await client.generate(body as unknown as GenerateRequest));
    }
    if (hasCreate(client)) {
      const body = defined({ ...rest, messages: list, model, temperature, max_tokens: maxTokens });
      return new Value(ValueKind.RESPONSE, await client.chat.completions.create(body));
    }
  } catch (cause) {
    return clientFailure(cause, messages);
  }
  return opErrorValue(
    "chatComplete",
    "bad_client",
    "client has neither chat.completions.create nor generate",
    [messages],
  );
}
