import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors/provider-error.js";
import { buildProviderError } from "./build-provider-error.js";
import { isConnectionFailure } from "./connection-failure.js";
import { errorObjectOf, mapClientError, stringField } from "./map-client-error.js";
import { leaksSecret, redactSecrets, redactSecretsDeep } from "./redact-secrets.js";

const key = "sk-test-0123456789abcdef";

describe("secret redaction", () => {
  it("redacts every occurrence, deep inside bodies too, and ignores too-short secrets", () => {
    expect(redactSecrets(`bad key ${key} (${key})`, [key])).toBe("bad key [redacted] ([redacted])");
    expect(redactSecretsDeep({ error: { message: [`key ${key}`] } }, [key])).toEqual({
      error: { message: ["key [redacted]"] },
    });
    expect(redactSecrets("abc is fine", ["abc"])).toBe("abc is fine");
    expect(leaksSecret(new Error(`oops ${key}`), [key])).toBe(true);
    expect(leaksSecret(new Error("oops"), [key])).toBe(false);
  });

  it("builds provider errors with no secret in message, body or cause", () => {
    const error = buildProviderError(
      "auth",
      `Incorrect API key provided: ${key}`,
      { provider: "openai.chat", secrets: [key] },
      new Error(`401 ${key}`),
      { status: 401, responseBody: { error: { message: key } } },
    );
    expect(ProviderError.is(error)).toBe(true);
    expect(error.message).toBe("openai.chat: Incorrect API key provided: [redacted]");
    expect(JSON.stringify(error.responseBody)).not.toContain(key);
    expect((error.cause as Error).message).not.toContain(key);
    expect(error.status).toBe(401);
  });
});

describe("isConnectionFailure", () => {
  it("recognises dropped sockets by message or by cause code", () => {
    expect(isConnectionFailure(new TypeError("terminated"))).toBe(true);
    const refused = new TypeError("request failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    expect(isConnectionFailure(refused)).toBe(true);
    expect(isConnectionFailure(new Error("invalid JSON"))).toBe(false);
    expect(isConnectionFailure("terminated")).toBe(false);
  });
});

describe("mapClientError", () => {
  class SdkTimeout extends Error {}
  class SdkConnection extends Error {}
  class SdkApi extends Error {
    constructor(readonly status: number) {
      super(`status ${status}`);
    }
  }
  const context = { provider: "acme.chat", secrets: [key] };
  const rules = {
    isUserAbort: () => false,
    isConnectionTimeout: (e: unknown) => e instanceof SdkTimeout,
    isConnectionError: (e: unknown) => e instanceof SdkConnection,
    fromApiError: (e: unknown) =>
      e instanceof SdkApi
        ? buildProviderError("rate_limit", e.message, context, e, { status: e.status })
        : undefined,
  };
  const kindOf = (error: unknown, signal?: AbortSignal) =>
    mapClientError(error, { ...context, signal }, rules).kind;

  it("classifies aborts, timeouts, connections, API errors, bad bodies and the rest", () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(kindOf(new SdkApi(429), aborted.signal)).toBe("aborted");
    expect(kindOf(Object.assign(new Error("x"), { name: "AbortError" }))).toBe("aborted");
    expect(kindOf(new SdkTimeout("slow"))).toBe("timeout");
    expect(kindOf(new SdkConnection("reset"))).toBe("transient");
    expect(mapClientError(new SdkApi(429), context, rules)).toMatchObject({
      kind: "rate_limit",
      status: 429,
    });
    expect(kindOf(new SyntaxError("Unexpected token"))).toBe("transient");
    expect(kindOf(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe("transient");
    expect(kindOf("something else")).toBe("unknown");
    const passed = new ProviderError({ kind: "quota", message: "no credit" });
    expect(mapClientError(passed, context, rules)).toBe(passed);
  });

  it("redacts secrets from what it builds", () => {
    const mapped = mapClientError(new Error(`bad key ${key}`), context, rules);
    expect(mapped.message).not.toContain(key);
  });

  it("reads the error object and string fields of a body", () => {
    expect(errorObjectOf({ error: { type: "x" } })).toEqual({ type: "x" });
    expect(errorObjectOf({ type: "y" })).toEqual({ type: "y" });
    expect(errorObjectOf("text")).toBeUndefined();
    expect(stringField(3)).toBeUndefined();
    expect(stringField("s")).toBe("s");
  });
});
