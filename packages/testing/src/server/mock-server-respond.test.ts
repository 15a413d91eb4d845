import { afterEach, describe, expect, it } from "vitest";
import { drain, sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";
import type { ChatRequestView } from "./reply/chat-request-view.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the respond hook", () => {
  it("answers OpenAI requests with the hook's text, seeing system, messages and model", async () => {
    const seen: ChatRequestView[] = [];
    server = await startMockServer({
      respond: (request) => {
        seen.push(request);
        return `echo: ${request.lastUser.toUpperCase()}`;
      },
    });
    const { openai } = sdkClients(server);
    const reply = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be loud." },
        { role: "user", content: [{ type: "text", text: "hello" }] },
      ],
    });
    expect(reply.choices[0]?.message.content).toBe("echo: HELLO");
    expect(reply.choices[0]?.finish_reason).toBe("stop");
    expect(reply.usage?.completion_tokens).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({
      protocol: "openai",
      model: "gpt-4o-mini",
      system: "Be loud.",
      messages: [{ role: "user", content: "hello" }],
    });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      stream: true,
      messages: [{ role: "user", content: "again" }],
    });
    const { items } = await drain(stream);
    expect(items.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("echo: AGAIN");
  });

  it("answers Anthropic requests; an object is sent as JSON, undefined falls back to the generated reply", async () => {
    server = await startMockServer({
      respond: (request) => (request.lastUser === "json" ? { system: request.system } : undefined),
    });
    const { anthropic } = sdkClients(server);
    const json = await anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 100,
      system: "Rules.",
      messages: [{ role: "user", content: "json" }],
    });
    expect(json.content[0]).toMatchObject({ type: "text", text: '{"system":"Rules."}' });
    const generated = await anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 100,
      messages: [{ role: "user", content: "anything" }],
    });
    const text = generated.content[0]?.type === "text" ? generated.content[0].text : "";
    expect(text).not.toBe("");
    expect(text).not.toContain("system");
  });

  it("is cut by max_tokens like any reply, and a throwing hook answers 500", async () => {
    server = await startMockServer({
      respond: (request) => {
        if (request.lastUser === "boom") throw new Error("hook failed");
        return "word ".repeat(200);
      },
    });
    const { openai } = sdkClients(server);
    const cut = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      max_tokens: 5,
      messages: [{ role: "user", content: "long" }],
    });
    expect(cut.choices[0]?.finish_reason).toBe("length");
    expect(cut.usage?.completion_tokens).toBeLessThanOrEqual(5);
    const failed = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "boom" }] })
      .catch((error: { status?: number }) => error);
    expect((failed as { status?: number }).status).toBe(500);
  });
});
