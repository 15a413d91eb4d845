import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ToolDefinitionError } from "../errors/tool-definition-error.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { defineTool } from "./tool.js";
import { executeToolCall, toolResultMessage } from "./tool-call.js";

const weather = defineTool({
  name: "get_weather",
  description: "Temperature in a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
  execute: async ({ city, unit }, { toolCallId }) => {
    if (city === "Atlantis") throw new Error("no such city");
    return { city, unit, degrees: 21, toolCallId };
  },
});

const call = (input: string, toolName = "get_weather") => ({ toolCallId: "call_1", toolName, input });

describe("defineTool", () => {
  it("computes the provider spec from the zod parameters", () => {
    expect(weather.spec).toEqual({
      name: "get_weather",
      description: "Temperature in a city",
      inputSchema: {
        type: "object",
        properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"], default: "c" } },
        required: ["city", "unit"],
        additionalProperties: false,
      },
    });
  });

  it("rejects names providers refuse and parameters that are not an object", () => {
    const base = { description: "d", parameters: z.object({}), execute: () => 1 };
    expect(() => defineTool({ ...base, name: "has space" })).toThrow(ToolDefinitionError);
    expect(() => defineTool({ ...base, name: "x".repeat(65) })).toThrow(/1-64/);
    expect(() => defineTool({ ...base, name: "ok", parameters: z.string() })).toThrow(/object schema/);
  });
});

describe("executeToolCall and TOOL_RESULT Values", () => {
  it("parses arguments with the schema, runs the tool and returns a TOOL_RESULT", async () => {
    const result = await executeToolCall([weather], call('{"city":"Oslo"}'));
    expect(result.kind).toBe(ValueKind.TOOL_RESULT);
    expect(result.payload).toEqual({ city: "Oslo", unit: "c", degrees: 21, toolCallId: "call_1" });
    expect(result.meta).toEqual({ toolName: "get_weather", toolCallId: "call_1" });
  });

  it("unknown tools, bad JSON, schema mismatches and throwing tools come back as ERROR Values", async () => {
    const unknown = await executeToolCall([weather], call("{}", "nope"));
    expect([unknown.isError(), (unknown.error as Error).message]).toEqual([true, "Unknown tool: nope"]);
    expect(((await executeToolCall([weather], call("{city"))).error as Error).message).toMatch(/not JSON/);
    const mismatch = await executeToolCall([weather], call('{"city": 1}'));
    expect((mismatch.error as Error).message).toMatch(/^Invalid arguments for get_weather: city:/);
    const thrown = await executeToolCall([weather], call('{"city":"Atlantis"}'));
    expect([(thrown.error as Error).message, thrown.meta.toolCallId]).toEqual(["no such city", "call_1"]);
  });

  it("rethrows when the run was aborted", async () => {
    const controller = new AbortController();
    const slow = defineTool({
      name: "slow",
      description: "d",
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        controller.abort();
        throw signal?.reason;
      },
    });
    await expect(
      executeToolCall([slow], call("", "slow"), { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("turns a result into the provider's tool message", async () => {
    const ok = await executeToolCall([weather], call('{"city":"Oslo","unit":"f"}'));
    expect(toolResultMessage(ok)).toEqual({
      role: "tool",
      toolCallId: "call_1",
      toolName: "get_weather",
      content: '{"city":"Oslo","unit":"f","degrees":21,"toolCallId":"call_1"}',
    });
    const failed = await executeToolCall([weather], call("{}", "nope"));
    expect(toolResultMessage(failed)).toMatchObject({ content: "Unknown tool: nope", isError: true });
    const text = new Value(ValueKind.TOOL_RESULT, "plain", { meta: { toolName: "t", toolCallId: "c" } });
    expect(toolResultMessage(text).content).toBe("plain");
  });
});
