import { ProviderError, type ProviderErrorKind } from "@weft/provider";
import { failWith } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import {
  allowsFallback,
  DEFAULT_FALLBACK_KINDS,
  DEFAULT_RETRY,
  decideRetry,
  isRetryableError,
} from "./retry-policy.js";

const policy = {
  ...DEFAULT_RETRY,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxAttempts: 6,
  maxRetryAfterMs: 5_000,
};

describe("decideRetry", () => {
  it("backs off exponentially with full jitter up to the cap", () => {
    const error = failWith("overloaded");
    expect(decideRetry(error, 1, policy, () => 0.5)).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(error, 3, policy, () => 0.5)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(error, 5, policy, () => 0.999)).toEqual({ retry: true, delayMs: 999 });
    expect(decideRetry(error, 2, policy, () => 0)).toEqual({ retry: true, delayMs: 0 });
  });

  it("waits at least the server's retry-after, and surfaces a wait above the cap", () => {
    expect(decideRetry(failWith("rate_limit", { retryAfterMs: 1_200 }), 1, policy, () => 0.5)).toEqual({
      retry: true,
      delayMs: 1_200,
    });
    expect(decideRetry(failWith("rate_limit", { retryAfterMs: 5_001 }), 1, policy)).toEqual({
      retry: false,
      reason: "retry_after_too_long",
    });
  });

  it("stops after maxAttempts", () => {
    expect(decideRetry(failWith("transient"), 6, policy)).toEqual({
      retry: false,
      reason: "attempts_exhausted",
    });
  });

  it("never retries quota, auth, invalid requests, context length, budget or abort, whatever the provider says", () => {
    const never: ProviderErrorKind[] = ["quota", "auth", "invalid_request", "context_length", "aborted"];
    for (const kind of never) {
      expect(isRetryableError(failWith(kind, { isRetryable: true }))).toBe(false);
      expect(decideRetry(failWith(kind, { isRetryable: true }), 1, policy).retry).toBe(false);
    }
    const budget = new BudgetExceededError({ limit: "usd", cap: 1, spent: 1, requested: 1, budget: "b" });
    expect(isRetryableError(budget)).toBe(false);
    expect(isRetryableError(new TypeError("bug"))).toBe(false);
    expect(isRetryableError(failWith("timeout"))).toBe(true);
    expect(isRetryableError(new ProviderError({ kind: "transient", message: "x", isRetryable: false }))).toBe(
      false,
    );
  });
});

describe("allowsFallback", () => {
  it("moves load and account failures to a fallback, never aborts, bad requests or budget", () => {
    expect(allowsFallback(failWith("rate_limit"), DEFAULT_FALLBACK_KINDS)).toBe(true);
    expect(allowsFallback(failWith("quota"), DEFAULT_FALLBACK_KINDS)).toBe(true);
    expect(allowsFallback(failWith("aborted"), DEFAULT_FALLBACK_KINDS)).toBe(false);
    expect(allowsFallback(failWith("invalid_request"), DEFAULT_FALLBACK_KINDS)).toBe(false);
    const budget = new BudgetExceededError({ limit: "usd", cap: 1, spent: 1, requested: 1, budget: "b" });
    expect(allowsFallback(budget, DEFAULT_FALLBACK_KINDS)).toBe(false);
  });
});
