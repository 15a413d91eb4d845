import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_FIXTURES } from "../schema/schema-fixtures.js";
import { ajvErrors } from "../test-support/ajv.js";
import { sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
const messages = [{ role: "user" as const, content: "What is weft?" }];

beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
  openai = sdkClients(server).openai;
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("mock server, OpenAI chat completions with structured output", () => {
  for (const [name, schema] of Object.entries(SCHEMA_FIXTURES)) {
    it(`answers response_format json_schema with a value that validates: ${name}`, async () => {
      for (const content of ["first", "second", "third"]) {
        const reply = await openai.chat.completions.create({
          model: "gpt-4o",
          messages: [{ role: "user", content }],
          response_format: {
            type: "json_schema",
            json_schema: { name, schema: schema as Record<string, unknown> },
          },
        });
        const value = JSON.parse(reply.choices[0]?.message.content ?? "");
        expect(ajvErrors(schema, value)).toEqual([]);
      }
    });
  }

  it("finds the schema in the prompt for JSON mode, and honours guided_json and Ollama's format", async () => {
    const schema = SCHEMA_FIXTURES.flat!;
    const jsonMode = await openai.chat.completions.create({
      model: "gpt-4o",
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: `Answer in JSON matching this schema:\n${JSON.stringify(schema)}` },
        ...messages,
      ],
    });
    expect(ajvErrors(schema, JSON.parse(jsonMode.choices[0]?.message.content ?? ""))).toEqual([]);
    for (const extra of [{ guided_json: schema }, { format: schema }]) {
      const reply = await openai.chat.completions.create({
        model: "qwen",
        messages,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      expect(ajvErrors(schema, JSON.parse(reply.choices[0]?.message.content ?? ""))).toEqual([]);
    }
  });
});
