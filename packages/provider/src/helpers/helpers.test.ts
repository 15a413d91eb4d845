import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors/provider-error.js";
import { buildProviderError } from "./build-provider-error.js";
import { isConnectionFailure } from "./connection-failure.js";
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
