import { WeftError } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { ContainerError } from "./container-error.js";
import { DirectCallError } from "./direct-call-error.js";
import { ExecutionError } from "./execution-error.js";
import { NoExecutorError } from "./no-executor-error.js";
import { OpError } from "./op-error.js";
import { OptimizationError } from "./optimization-error.js";
import { ParameterError } from "./parameter-error.js";
import { RateLimitError } from "./rate-limit-error.js";
import { SchemaValidationError } from "./schema-validation-error.js";
import { ToolDefinitionError } from "./tool-definition-error.js";
import { TraceError } from "./trace-error.js";
import { TransientError } from "./transient-error.js";
import { UnknownParameterError } from "./unknown-parameter-error.js";

interface Case {
  readonly name: string;
  readonly type: { readonly name: string; is(value: unknown): boolean };
  readonly error: WeftError;
  readonly code: string;
}

const cases: Case[] = [
  {
    name: "TraceError",
    type: TraceError,
    error: new TraceError("stringified", "m", { ref: "n_1" }),
    code: "trace_error",
  },
  {
    name: "ExecutionError",
    type: ExecutionError,
    error: new ExecutionError("m", { nodeId: "n_1" }),
    code: "execution_error",
  },
  {
    name: "RateLimitError",
    type: RateLimitError,
    error: new RateLimitError({ retryAfterMs: 0.5 }),
    code: "rate_limit",
  },
  { name: "TransientError", type: TransientError, error: new TransientError("m"), code: "transient" },
  {
    name: "OptimizationError",
    type: OptimizationError,
    error: new OptimizationError("m", { parameterName: "p" }),
    code: "optimization_error",
  },
  { name: "ParameterError", type: ParameterError, error: new ParameterError("m"), code: "invalid_parameter" },
  {
    name: "UnknownParameterError",
    type: UnknownParameterError,
    error: new UnknownParameterError("k", ["a"]),
    code: "unknown_parameter",
  },
  {
    name: "ContainerError",
    type: ContainerError,
    error: new ContainerError("index_out_of_range", "m"),
    code: "index_out_of_range",
  },
  {
    name: "DirectCallError",
    type: DirectCallError,
    error: new DirectCallError("LLMInference"),
    code: "direct_call",
  },
  { name: "NoExecutorError", type: NoExecutorError, error: new NoExecutorError("M"), code: "no_executor" },
  {
    name: "SchemaValidationError",
    type: SchemaValidationError,
    error: new SchemaValidationError({ subject: "s", issues: [] }),
    code: "schema_validation",
  },
  { name: "OpError", type: OpError, error: new OpError("zero_division", "m"), code: "zero_division" },
  {
    name: "ToolDefinitionError",
    type: ToolDefinitionError,
    error: new ToolDefinitionError("m"),
    code: "invalid_tool",
  },
];

describe("error types (plait-spec 11)", () => {
  it.each(cases)(
    "$name is a WeftError with a stable code, its name, and a brand check",
    ({ type, error, code }) => {
      expect(error).toBeInstanceOf(WeftError);
      expect(WeftError.is(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.name).toBe(type.name);
      expect(type.is(error)).toBe(true);
      expect(type.is(new Error("plain"))).toBe(false);
    },
  );

  it("each subtype's is() rejects the others, so they can be told apart", () => {
    expect(RateLimitError.is(new TransientError("m"))).toBe(false);
    expect(TransientError.is(new RateLimitError())).toBe(false);
    expect(ExecutionError.is(new TransientError("m"))).toBe(false);
  });

  it("carries the fields of plait's errors and a native cause", () => {
    const cause = new Error("root");
    expect(new RateLimitError().message).toBe("Rate limit exceeded");
    expect(new RateLimitError({ retryAfterMs: 0 }).retryAfterMs).toBe(0);
    expect(new ExecutionError("failed", { nodeId: "n", cause })).toMatchObject({ nodeId: "n", cause });
    expect(new OptimizationError("x").attempts).toBe(0);
    expect(new OptimizationError("x", { attempts: 3, parameterName: "p" })).toMatchObject({
      attempts: 3,
      parameterName: "p",
    });
    expect(new TraceError("iterated", "m", { ref: "r" })).toMatchObject({ reason: "iterated", ref: "r" });
  });

  it("schema and state-dict errors name what was wrong", () => {
    const schema = new SchemaValidationError({
      subject: "Summarizer input",
      issues: [
        { path: ["doc", "title"], message: "Required" },
        { path: [], message: "other" },
      ],
    });
    expect(schema.message).toBe(
      "Summarizer input does not match its schema: doc.title: Required (and 1 more)",
    );
    expect(new UnknownParameterError("x.y", ["a", "b"]).message).toBe(
      "Unknown parameter: x.y (known parameters: a, b)",
    );
  });
});
