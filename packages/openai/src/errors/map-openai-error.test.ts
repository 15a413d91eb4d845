import { ProviderError } from "@weft/provider";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { classifyErrorBody, classifyHttpStatus } from "./classify-status.js";
import { mapOpenAIError } from "./map-openai-error.js";

const context = { provider: "openai.chat", secrets: ["sk-test-secret-key-123"] };
const httpError = (status: number, error: object, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error }, undefined, new Headers(headers));

describe("classifyHttpStatus", () => {
  it.each([
    [429, {}, "rate_limit"],
    [429, { code: "insufficient_quota", type: "insufficient_quota" }, "quota"],
    [503, {}, "overloaded"],
    [529, {}, "overloaded"],
    [500, {}, "transient"],
    [502, {}, "transient"],
    [408, {}, "transient"],
    [409, {}, "transient"],
    [401, {}, "auth"],
    [403, {}, "auth"],
    [400, { type: "invalid_request_error" }, "invalid_request"],
    [404, {}, "invalid_request"],
    [400, { code: "context_length_exceeded" }, "context_length"],
    [400, { message: "This model's maximum context length is 128000 tokens." }, "context_length"],
    [400, { code: "content_filter" }, "content_filter"],
    [418, {}, "unknown"],
  ] as const)("%d %j is %s", (status, info, kind) => {
    expect(classifyHttpStatus(status, info)).toBe(kind);
  });

  it("classifies error payloads sent inside a 200 stream by type and code", () => {
    expect(classifyErrorBody({ type: "server_error" })).toBe("transient");
    expect(classifyErrorBody({ type: "overloaded_error" })).toBe("overloaded");
    expect(classifyErrorBody({ type: "rate_limit_error" })).toBe("rate_limit");
    expect(classifyErrorBody({ code: "insufficient_quota" })).toBe("quota");
    expect(classifyErrorBody({ type: "mystery" })).toBe("unknown");
  });
});

describe("mapOpenAIError", () => {
  it("keeps retryAfterMs on rate limits and never on quota errors", () => {
    const limited = mapOpenAIError(
      httpError(429, { type: "requests" }, { "retry-after-ms": "1500", "x-request-id": "req_1" }),
      context,
    );
    expect(limited).toMatchObject({
      kind: "rate_limit",
      status: 429,
      retryAfterMs: 1500,
      isRetryable: true,
      requestId: "req_1",
    });
    const quota = mapOpenAIError(
      httpError(
        429,
        { code: "insufficient_quota", message: "You exceeded your current quota" },
        { "retry-after": "5" },
      ),
      context,
    );
    expect(quota).toMatchObject({ kind: "quota", status: 429, retryAfterMs: undefined, isRetryable: false });
  });

  it("maps connection failures, timeouts, aborts and malformed bodies", () => {
    expect(mapOpenAIError(new APIConnectionError({ message: "socket hang up" }), context).kind).toBe(
      "transient",
    );
    expect(mapOpenAIError(new APIConnectionTimeoutError(), context).kind).toBe("timeout");
    expect(mapOpenAIError(new APIUserAbortError(), context).kind).toBe("aborted");
    expect(mapOpenAIError(new SyntaxError("Unexpected token"), context).kind).toBe("transient");
    expect(mapOpenAIError(new TypeError("terminated"), context).kind).toBe("transient");
    const aborted = new AbortController();
    aborted.abort();
    expect(mapOpenAIError(httpError(500, {}), { ...context, signal: aborted.signal }).kind).toBe("aborted");
  });

  it("classifies an error object inside a stream without an HTTP status", () => {
    const inStream = new APIError(
      undefined,
      { type: "server_error", message: "boom" },
      undefined,
      new Headers(),
    );
    expect(mapOpenAIError(inStream, context)).toMatchObject({ kind: "transient", status: undefined });
  });

  it("redacts the API key from message, body and cause", () => {
    const error = mapOpenAIError(
      httpError(401, {
        message: "Incorrect API key provided: sk-test-secret-key-123",
        type: "invalid_request_error",
      }),
      context,
    );
    expect(error.kind).toBe("auth");
    expect(ProviderError.is(error)).toBe(true);
    const everything = `${error.message} ${JSON.stringify(error.responseBody)} ${String((error.cause as Error).message)} ${error.stack}`;
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain("sk-test-secret-key-123");
  });
});
