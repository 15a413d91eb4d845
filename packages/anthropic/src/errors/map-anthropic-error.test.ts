import { APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { classifyAnthropicError } from "./classify-anthropic-error.js";
import { mapAnthropicError } from "./map-anthropic-error.js";

const context = { provider: "anthropic.messages", secrets: ["sk-ant-test-secret-0123"] };
const httpError = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, { type: "error", error: { type, message } }, undefined, new Headers(headers));

describe("classifyAnthropicError", () => {
  it.each([
    [429, "rate_limit_error", "Number of requests has exceeded your rate limit", "rate_limit"],
    [529, "overloaded_error", "Overloaded", "overloaded"],
    [503, "api_error", "unavailable", "overloaded"],
    [500, "api_error", "Internal server error", "transient"],
    [401, "authentication_error", "invalid x-api-key", "auth"],
    [403, "permission_error", "no access", "auth"],
    [400, "invalid_request_error", "messages: field required", "invalid_request"],
    [400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", "context_length"],
    [400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", "quota"],
    [402, "billing_error", "payment required", "quota"],
    [429, "rate_limit_error", "You have exceeded your quota", "quota"],
  ] as const)("%d %s is %s", (status, type, message, kind) => {
    expect(classifyAnthropicError(status, { type, message })).toBe(kind);
  });

  it("reads a spent spend limit from details.error_code", () => {
    expect(
      classifyAnthropicError(429, {
        type: "rate_limit_error",
        message: "limit",
        errorCode: "enforced_spend_limit_reached",
      }),
    ).toBe("quota");
  });

  it("classifies error events inside a 200 stream by their type", () => {
    expect(classifyAnthropicError(undefined, { type: "overloaded_error" })).toBe("overloaded");
    expect(classifyAnthropicError(undefined, { type: "api_error" })).toBe("transient");
    expect(classifyAnthropicError(undefined, { type: "rate_limit_error" })).toBe("rate_limit");
  });
});

describe("mapAnthropicError", () => {
  it("keeps retry-after on rate limits", () => {
    const error = mapAnthropicError(
      httpError(429, "rate_limit_error", "slow down", { "retry-after": "3", "request-id": "req_9" }),
      context,
    );
    expect(error).toMatchObject({ kind: "rate_limit", status: 429, retryAfterMs: 3000, isRetryable: true });
  });

  it("classifies an SSE error event (no status) and connection problems", () => {
    const inStream = new APIError(
      undefined,
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      undefined,
      new Headers(),
    );
    expect(mapAnthropicError(inStream, context)).toMatchObject({
      kind: "overloaded",
      status: undefined,
      isRetryable: true,
    });
    expect(mapAnthropicError(new APIConnectionError({ message: "reset" }), context).kind).toBe("transient");
    expect(mapAnthropicError(new APIConnectionTimeoutError(), context).kind).toBe("timeout");
    expect(mapAnthropicError(new SyntaxError("bad json"), context).kind).toBe("transient");
  });

  it("redacts the key", () => {
    const error = mapAnthropicError(
      httpError(401, "authentication_error", "invalid key sk-ant-test-secret-0123"),
      context,
    );
    expect(
      `${error.message} ${JSON.stringify(error.responseBody)} ${(error.cause as Error).message}`,
    ).not.toContain("sk-ant-test-secret-0123");
  });
});
