import type OpenAI from "openai";
import { afterAll, beforeAll, describe } from "vitest";
import { sdkClients } from "../test-support/clients.js";
import { itRejectsOpenAI, type OpenAICase, tool, user } from "../test-support/strictness.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
beforeAll(async () => {
  server = await startMockServer();
  ({ openai } = sdkClients(server));
});
afterAll(() => server.close());

describe("OpenAI strictness: tools and schemas api.openai.com rejects get its 400 body", () => {
  const cases: OpenAICase[] = [
    [
      "tool_choice without tools",
      { model: "gpt-4o", messages: [user], tool_choice: "required" },
      { message: /only allowed when 'tools' are specified/ },
    ],
    [
      "a tool_choice naming no tool",
      {
        model: "gpt-4o",
        messages: [user],
        tools: [tool],
        tool_choice: { type: "function", function: { name: "nope" } },
      },
      { message: /not found in 'tools'/ },
    ],
    [
      "an invalid tool name",
      { model: "gpt-4o", messages: [user], tools: [{ type: "function", function: { name: "add numbers" } }] },
      { message: /does not match pattern/ },
    ],
    [
      "a json_schema without a name",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: { type: "json_schema", json_schema: { schema: {} } },
      },
      { message: /'response_format.json_schema.name'/ },
    ],
    [
      "a strict schema allowing extra properties",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "r",
            strict: true,
            schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          },
        },
      },
      {
        message: /'additionalProperties' is required to be supplied and to be false/,
        code: "invalid_json_schema",
      },
    ],
    [
      "a strict schema with an optional property",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "r",
            strict: true,
            schema: {
              type: "object",
              additionalProperties: false,
              properties: {
                a: {
                  type: "object",
                  additionalProperties: false,
                  properties: { b: { type: "string" } },
                  required: [],
                },
              },
              required: ["a"],
            },
          },
        },
      },
      { message: /In context=\('properties', 'a'\), 'required' .* Missing 'b'/ },
    ],
    [
      "a strict function schema",
      {
        model: "gpt-4o",
        messages: [user],
        tools: [{ ...tool, function: { ...tool.function, strict: true } }],
      },
      { message: /Invalid schema for function 'add'/, code: "invalid_function_parameters" },
    ],
  ];
  itRejectsOpenAI(() => openai, cases);
});
