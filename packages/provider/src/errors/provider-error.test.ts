import { describe, expect, it } from "vitest";
import { isRetryableKind, PROVIDER_ERROR_KINDS, ProviderError } from "./provider-error.js";
import { WeftError } from "./weft-error.js";

describe("ProviderError", () => {
  it("is a WeftError with code, kind and native cause", () => {
    const cause = new Error("socket hang up");
    const error = new ProviderError({ kind: "transient", message: "reset", status: 502, cause });
    expect(error).toBeInstanceOf(WeftError);
    expect(error.code).toBe("provider_error");
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("ProviderError");
    expect(WeftError.is(error)).toBe(true);
    expect(ProviderError.is(error)).toBe(true);
  });

  it("defaults retryability by kind and lets the provider override it", () => {
    const retryable = PROVIDER_ERROR_KINDS.filter(isRetryableKind);
    expect(retryable).toEqual(["rate_limit", "overloaded", "transient", "timeout"]);
    expect(new ProviderError({ kind: "quota", message: "no credit" }).isRetryable).toBe(false);
    expect(new ProviderError({ kind: "unknown", message: "x", isRetryable: true }).isRetryable).toBe(true);
  });

  it("is recognised across duplicate installs through the global brand", () => {
    // A plain object carrying the brands stands in for an instance built by another copy.
    const foreign = Object.create(Error.prototype) as object;
    Object.defineProperty(foreign, Symbol.for("weft.error"), { value: true });
    expect(WeftError.is(foreign)).toBe(true);
    expect(ProviderError.is(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for("weft.error.provider"), { value: true });
    expect(ProviderError.is(foreign)).toBe(true);
    expect(ProviderError.is(new Error("plain"))).toBe(false);
    expect(WeftError.is(null)).toBe(false);
  });
});
