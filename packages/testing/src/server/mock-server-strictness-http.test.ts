import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { user } from "../test-support/strictness.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

describe("HTTP-level strictness", () => {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });

  it("answers 401 without an API key, in each protocol's shape", async () => {
    const openaiReply = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "gpt-4o", messages: [user] }),
      {},
    );
    expect(openaiReply.status).toBe(401);
    expect(((await openaiReply.json()) as { error: { message: string } }).error.message).toMatch(
      /didn't provide an API key/,
    );
    const anthropicReply = await post(
      "/v1/messages",
      JSON.stringify({ model: "c", max_tokens: 5, messages: [user] }),
      { "anthropic-version": "2023-06-01" },
    );
    expect(anthropicReply.status).toBe(401);
    expect(await anthropicReply.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
  });

  it("requires anthropic-version, rejects bodies that are not JSON, and 404s unknown routes", async () => {
    const noVersion = await post(
      "/v1/messages",
      JSON.stringify({ model: "c", max_tokens: 5, messages: [user] }),
      { "x-api-key": "k" },
    );
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      error: { message: "anthropic-version: header is required" },
    });
    const notJson = await post("/v1/chat/completions", "{nope", { authorization: "Bearer k" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /could not parse the JSON body/,
    );
    const unknown = await post("/v1/completions", "{}", { authorization: "Bearer k" });
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${server.openaiBaseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(404);
  });

  it("accepts only the configured API keys, answering others with the API's invalid-key error", async () => {
    const keyed = await startMockServer({ apiKeys: ["sk-right"], requireApiKey: false });
    const send = (path: string, body: object, headers: Record<string, string>) =>
      fetch(`${keyed.url}${path}`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...headers },
      });
    const chat = { model: "gpt-4o", messages: [user] };
    const message = { model: "c", max_tokens: 5, messages: [user] };
    const version = { "anthropic-version": "2023-06-01" };
    try {
      expect((await send("/v1/chat/completions", chat, { authorization: "Bearer sk-right" })).status).toBe(
        200,
      );
      const wrong = await send("/v1/chat/completions", chat, { authorization: "Bearer sk-wrong" });
      expect(wrong.status).toBe(401);
      const wrongText = await wrong.text();
      expect(JSON.parse(wrongText)).toMatchObject({
        error: { code: "invalid_api_key", type: "invalid_request_error" },
      });
      expect(wrongText).not.toContain("sk-wrong");
      // With apiKeys a key is required, whatever requireApiKey says.
      expect((await send("/v1/chat/completions", chat, {})).status).toBe(401);
      expect((await send("/v1/messages", message, { ...version, "x-api-key": "sk-right" })).status).toBe(200);
      const anthropicWrong = await send("/v1/messages", message, { ...version, "x-api-key": "sk-wrong" });
      expect(anthropicWrong.status).toBe(401);
      expect(await anthropicWrong.json()).toMatchObject({
        error: { type: "authentication_error", message: "invalid x-api-key" },
      });
    } finally {
      await keyed.close();
    }
  });
});
