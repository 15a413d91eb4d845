import type { LanguageModel, StreamPart } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../mock-model/mock-language-model.js";
import { failWith, objectResponse, streamParts, toolCallResponse } from "../mock-model/mock-results.js";
import { answer, failing, metadata, options, outcome, review } from "../test-support/conformance-harness.js";
import type { InjectableFault } from "./conformance-options.js";
import { providerConformanceChecks } from "./provider-conformance.js";

// The suite's checks must fail for providers that break the contract: each case breaks one rule of an
// otherwise well-behaved in-process model and expects the check that names the rule to fail, saying why.

describe("the conformance suite", () => {
  it("passes a well-behaved in-process model on every check", async () => {
    for (const check of providerConformanceChecks(options())) {
      expect([check.name, await outcome(options(), check.name)]).toEqual([check.name, "passed"]);
    }
  });

  it("fails a quota classified as a rate limit", async () => {
    const injectFault = (fault: InjectableFault) =>
      fault === "quota" ? failing("rate_limit") : failing(fault);
    expect(await outcome(options({ injectFault }), "faults: quota")).toMatch(
      /expected kind quota, got rate_limit/,
    );
  });

  it("fails a rate limit without retryAfterMs", async () => {
    const injectFault = (fault: InjectableFault) =>
      fault === "rate_limit"
        ? { model: new MockLanguageModel({ generate: failWith("rate_limit") }) }
        : failing(fault);
    expect(await outcome(options({ injectFault }), "faults: rate_limit")).toMatch(/must carry retryAfterMs/);
  });

  it("fails a raw error that was never classified", async () => {
    const injectFault = (fault: InjectableFault) =>
      fault === "malformed_json"
        ? { model: new MockLanguageModel({ generate: new SyntaxError("Unexpected token") }) }
        : failing(fault);
    expect(await outcome(options({ injectFault }), "faults: malformed_json")).toMatch(
      /expected a ProviderError, got SyntaxError/,
    );
  });

  it("fails a cut stream that ends as if complete", async () => {
    const finish: StreamPart = {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 1, outputTokens: 1 },
      timing: { timeToFirstTokenMs: 0, totalMs: 0 },
    };
    const injectFault = (fault: InjectableFault) =>
      fault === "cut_stream"
        ? { model: new MockLanguageModel({ stream: streamParts([metadata, finish]) }) }
        : failing(fault);
    expect(await outcome(options({ injectFault }), "faults: cut_stream")).toMatch(
      /expected the stream to fail/,
    );
  });

  it("fails an error that exposes a secret", async () => {
    const injectFault = (fault: InjectableFault) =>
      fault === "auth"
        ? { model: new MockLanguageModel({ generate: failWith("auth", { message: "bad key sk-live-123" }) }) }
        : failing(fault);
    expect(await outcome(options({ injectFault, secrets: ["sk-live-123"] }), "faults: auth")).toMatch(
      /exposes a secret/,
    );
  });

  it("fails a stream that does not start with response-metadata", async () => {
    const createModel = () =>
      new MockLanguageModel({ generate: answer, stream: streamParts([{ type: "text-delta", delta: "hi" }]) });
    expect(await outcome(options({ createModel }), "streaming:")).toMatch(
      /first part must be response-metadata/,
    );
  });

  it("fails tool input that does not match the tool's schema", async () => {
    const createModel = () =>
      new MockLanguageModel({ generate: toolCallResponse({ toolName: "get_weather", input: { city: 3 } }) });
    expect(await outcome(options({ createModel }), "tools: generate")).toMatch(
      /input does not match the schema/,
    );
  });

  it("fails structured output whose optional fields came back as null", async () => {
    const createModel = () => new MockLanguageModel({ generate: objectResponse({ ...review, note: null }) });
    expect(await outcome(options({ createModel }), "structured output")).toMatch(
      /does not match the schema.*\/note/,
    );
  });

  it("fails made-up usage and missing usage when the server reports it", async () => {
    const negative = () =>
      new MockLanguageModel({ generate: answer, usage: { inputTokens: -1, outputTokens: 2 } });
    expect(await outcome(options({ createModel: negative }), "usage:")).toMatch(
      /usage.inputTokens must be a non-negative integer/,
    );
    const unknown = () =>
      new MockLanguageModel({ generate: answer, usage: { inputTokens: undefined, outputTokens: undefined } });
    expect(await outcome(options({ createModel: unknown }), "usage:")).toMatch(
      /usage.inputTokens must be reported/,
    );
    expect(await outcome(options({ createModel: unknown, reportsUsage: false }), "usage:")).toBe("passed");
  });

  it("fails a model that ignores the abort signal, or whose server never saw the close", async () => {
    const deaf = (): LanguageModel => {
      const inner = new MockLanguageModel({ generate: answer });
      return {
        ...inner,
        capabilities: inner.capabilities,
        generate: (request) => inner.generate(request),
        stream: (request) => inner.stream(request),
      };
    };
    const deafStall = (fault: InjectableFault) =>
      fault === "stall_stream" ? { model: deaf() } : failing(fault);
    expect(await outcome(options({ injectFault: deafStall }), "abort: cancelling generate")).toMatch(
      /expected a failure, but the call succeeded/,
    );
    const injectFault = (fault: InjectableFault) =>
      fault === "stall_stream" ? { ...failing(fault), clientClosed: async () => false } : failing(fault);
    expect(await outcome(options({ injectFault }), "abort: cancelling a stream")).toMatch(
      /did not see the connection closed/,
    );
  });

  it("skips structured output for models without it, and leaves out checks by name", async () => {
    const createModel = () =>
      new MockLanguageModel({ generate: answer, capabilities: { structuredOutput: "none" } });
    expect(await outcome(options({ createModel }), "structured output")).toBe(
      "skipped: the model declares no structured output",
    );
    const names = providerConformanceChecks(
      options({ skip: ["usage: known counts are numbers, unknown ones undefined"], faults: ["quota"] }),
    ).map((c) => c.name);
    expect(names).not.toContain("usage: known counts are numbers, unknown ones undefined");
    expect(names.filter((name) => name.startsWith("faults:"))).toEqual([
      "faults: quota is classified as quota",
    ]);
  });
});
