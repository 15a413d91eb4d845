import { ProviderError, WeftError } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { errorInOutput, errorKind, errorMessage } from "./error-kind.js";

describe("errorKind", () => {
  it("takes a provider error's kind, a weft error's code, else the class name", () => {
    expect(errorKind(new ProviderError({ kind: "rate_limit", message: "slow down" }))).toBe("rate_limit");
    expect(errorKind(new WeftError("budget_exceeded", "no room"))).toBe("budget_exceeded");
    expect(errorKind(new RangeError("bad"))).toBe("RangeError");
    expect(errorKind(new Error("plain"))).toBe("error");
    expect(errorKind("thrown text")).toBe("error");
  });

  it("keeps messages on one line", () => {
    expect(errorMessage(new Error("first\n  second"))).toBe("first second");
  });
});

describe("errorInOutput", () => {
  it("finds an error held anywhere in an output, and nothing in plain data", () => {
    const cancelled = new Error("cancelled");
    expect(errorInOutput({ a: "ok", b: [1, { c: cancelled }] })).toBe(cancelled);
    expect(errorInOutput({ a: "ok", b: [1, { c: null }] })).toBeUndefined();
    expect(errorInOutput("text")).toBeUndefined();
  });
});
