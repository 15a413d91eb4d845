import type Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_FIXTURES } from "../schema/schema-fixtures.js";
import { ajvErrors } from "../test-support/ajv.js";
import { sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let anthropic: Anthropic;
const messages = [{ role: "user" as const, content: "What is weft?" }];
const lookup = {
  name: "lookup",
  description: "Looks a word up",
  input_schema: {
    type: "object" as const,
    properties: {
      word: { type: "string" },
      limit: { type: "integer", minimum: 1, maximum: 5 },
      tags: { type: "array", items: { type: "string" } },
    },
    required: ["word"],
  },
};

beforeAll(async () => {
  server = await startMockServer({ seed: 3 });
  anthropic = sdkClients(server).anthropic;
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("mock server, Anthropic messages", () => {
  it("answers JSON with a text block, usage and anthropic-ratelimit headers", async () => {
    const { data, response } = await anthropic.messages
      .create({ model: "claude-haiku-4-5", max_tokens: 512, messages })
      .withResponse();
    expect(data.content[0]?.type).toBe("text");
    expect(data.stop_reason).toBe("end_turn");
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe("1000000");
    expect(response.headers.get("anthropic-ratelimit-requests-remaining")).toBe("999999");
    expect(Date.parse(response.headers.get("anthropic-ratelimit-tokens-reset") ?? "")).not.toBeNaN();
    expect(response.headers.get("request-id")).toMatch(/^req_/);
  });

  it("streams every event type in order, with the same text and usage as JSON", async () => {
    const json = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 512, messages });
    const stream = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 512,
      messages,
      stream: true,
    });
    const types: string[] = [];
    let text = "";
    let outputTokens = 0;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      if (event.type === "message_delta") outputTokens = event.usage.output_tokens;
    }
    expect(types[0]).toBe("message_start");
    expect(types[1]).toBe("content_block_start");
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(text).toBe(json.content[0]?.type === "text" ? json.content[0].text : "");
    expect(outputTokens).toBe(json.usage.output_tokens);
  });

  it("calls an offered tool (streamed too) and answers text after the tool result", async () => {
    const reply = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 512,
      messages,
      tools: [lookup],
    });
    const use = reply.content.find((block) => block.type === "tool_use");
    expect(reply.stop_reason).toBe("tool_use");
    expect(use?.type === "tool_use" && use.id).toMatch(/^toolu_/);
    expect(ajvErrors(lookup.input_schema, use?.type === "tool_use" ? use.input : null)).toEqual([]);
    const streamed = await anthropic.messages
      .stream({
        model: "claude-haiku-4-5",
        max_tokens: 512,
        messages,
        tools: [lookup],
        tool_choice: { type: "tool", name: "lookup" },
      })
      .finalMessage();
    const streamedUse = streamed.content.find((block) => block.type === "tool_use");
    expect(
      ajvErrors(lookup.input_schema, streamedUse?.type === "tool_use" ? streamedUse.input : null),
    ).toEqual([]);
    const followUp = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 512,
      tools: [lookup],
      messages: [
        ...messages,
        { role: "assistant", content: reply.content },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: (use as { id: string }).id, content: "a loom" }],
        },
      ],
    });
    expect(followUp.stop_reason).toBe("end_turn");
    expect(followUp.content.map((block) => block.type)).toEqual(["text"]);
  });

  const objectSchemas = Object.entries(SCHEMA_FIXTURES).filter(
    ([, schema]) => schema.type === "object" || schema.$ref,
  );
  for (const [name, schema] of objectSchemas) {
    it(`answers output_config json_schema with a value that validates: ${name}`, async () => {
      const reply = await anthropic.messages.create({
        model: "claude-haiku-4-5",
        max_tokens: 4096,
        messages,
        output_config: { format: { type: "json_schema", schema: schema as Record<string, unknown> } },
      });
      const block = reply.content[0];
      expect(ajvErrors(schema, JSON.parse(block?.type === "text" ? block.text : ""))).toEqual([]);
    });
  }

  it("sends thinking blocks (with signature deltas when streamed) when thinking is enabled", async () => {
    const thinking = { type: "enabled" as const, budget_tokens: 1024 };
    const reply = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 2048,
      messages,
      thinking,
    });
    expect(reply.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(reply.usage.output_tokens_details?.thinking_tokens).toBeGreaterThan(0);
    const streamed = await anthropic.messages
      .stream({ model: "claude-haiku-4-5", max_tokens: 2048, messages, thinking })
      .finalMessage();
    expect(streamed.content[0]).toMatchObject({
      type: "thinking",
      signature: expect.stringMatching(/^sig_/),
    });
  });

  it("writes then reads the prompt cache at cache_control breakpoints, input_tokens excluding both", async () => {
    const system = [
      { type: "text" as const, text: "weft ".repeat(1500), cache_control: { type: "ephemeral" as const } },
    ];
    const first = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 256,
      system,
      messages,
    });
    const second = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 256,
      system,
      messages: [{ role: "user", content: "Other" }],
    });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBeLessThan(50);
  });

  it("stops at max_tokens with stop_reason max_tokens", async () => {
    const reply = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 2, messages });
    expect(reply.stop_reason).toBe("max_tokens");
    expect(reply.usage.output_tokens).toBeLessThanOrEqual(2);
  });

  it("accepts system-role messages as the 1.x SDK allows", async () => {
    const reply = await anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      messages: [{ role: "system", content: "Be brief." }, ...messages],
    });
    expect(reply.type).toBe("message");
  });
});
