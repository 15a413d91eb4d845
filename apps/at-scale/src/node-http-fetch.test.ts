import { ManualClock } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import { ProviderError } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpFetch } from "./node-http-fetch.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 21, apiKeys: ["sk-at-scale"] });
});
afterAll(() => server.close());

const model = (baseURL = server.openaiBaseURL) =>
  createOpenAI({
    apiKey: "sk-at-scale",
    baseURL,
    headers: { "x-weft-mock-tag": "lean" },
    fetch: nodeHttpFetch(),
  }).languageModel("gpt-4o-mini");

describe("nodeHttpFetch under the OpenAI SDK", () => {
  it("generates and streams the same reply as the built-in fetch, with the key and headers sent", async () => {
    const request = { messages: [{ role: "user" as const, content: "Hello there" }], maxTokens: 16 };
    const builtin = createOpenAI({ apiKey: "sk-at-scale", baseURL: server.openaiBaseURL }).languageModel(
      "gpt-4o-mini",
    );
    const expected = await builtin.generate(request);
    const reply = await model().generate(request);
    expect(reply.text).toBe(expected.text);
    expect(reply.usage).toEqual(expected.usage);
    let streamed = "";
    for await (const part of model().stream(request)) if (part.type === "text-delta") streamed += part.delta;
    expect(streamed).toBe(expected.text);
    expect(server.requests.filter((sent) => sent.tag === "lean").map((sent) => sent.status)).toEqual([
      200, 200,
    ]);
  });

  it("an error status reaches the SDK as the provider error it is", async () => {
    const wrongKey = createOpenAI({
      apiKey: "sk-wrong",
      baseURL: server.openaiBaseURL,
      fetch: nodeHttpFetch(),
    });
    const error = await wrongKey
      .languageModel("gpt-4o-mini")
      .generate({ messages: [{ role: "user", content: "Hi" }] })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(ProviderError.is(error) && error.kind).toBe("auth");
  });

  it("the caller's signal aborts a request the server holds", async () => {
    const held = await startMockServer({ clock: new ManualClock(), latency: { timeToFirstTokenMs: 1_000 } });
    try {
      const abort = new AbortController();
      const call = model(held.openaiBaseURL)
        .generate({ messages: [{ role: "user", content: "Hi" }] }, { signal: abort.signal })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      await held.waitForRequest(() => true, { settled: false });
      abort.abort();
      const error = await call;
      expect(ProviderError.is(error) && error.kind).toBe("aborted");
    } finally {
      await held.close();
    }
  });
});
