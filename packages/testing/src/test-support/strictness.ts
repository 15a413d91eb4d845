import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import { expect, it } from "vitest";
import { rejectionOf } from "./clients.js";

// Shared by the mock server's strictness tests: request pieces and how a rejection is read. For tests only.

export type Body = Record<string, unknown>;
export const user = { role: "user", content: "Hi" };
export const tool = {
  type: "function",
  function: { name: "add", parameters: { type: "object", properties: { a: { type: "number" } } } },
};
export const call = { id: "call_1", type: "function", function: { name: "add", arguments: "{}" } };

/** What a rejected OpenAI request must show: its message, and its `param` and `code` when given. */
export interface OpenAIExpectation {
  readonly message: RegExp;
  readonly param?: string | null;
  readonly code?: string | null;
}

/** One OpenAI case: a name, the body sent, and the 400 expected. */
export type OpenAICase = readonly [string, Body, OpenAIExpectation];

/** Registers one test per case: the request is answered 400 with OpenAI's error body. */
export function itRejectsOpenAI(client: () => OpenAI, cases: readonly OpenAICase[]): void {
  for (const [name, body, expected] of cases) {
    it(`rejects ${name}`, async () => {
      const error = (await rejectionOf(client().chat.completions.create(body as never))) as InstanceType<
        typeof OpenAI.APIError
      >;
      const inner = error.error as { message: string; param?: string | null; code?: string | null };
      expect(error.status).toBe(400);
      expect(inner.message).toMatch(expected.message);
      if (expected.param !== undefined) expect(inner.param).toBe(expected.param);
      if (expected.code !== undefined) expect(inner.code).toBe(expected.code);
    });
  }
}

/** The status, error type and message an Anthropic request was rejected with. */
export async function anthropicRejection(
  client: Anthropic,
  body: Body,
): Promise<{ status: number; type: string | null; message: string | null }> {
  const error = (await rejectionOf(client.messages.create(body as never))) as InstanceType<
    typeof Anthropic.APIError
  >;
  return { status: error.status as number, type: error.type, message: error.apiMessage };
}
