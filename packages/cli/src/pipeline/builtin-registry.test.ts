// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { ManualClock } from "@weft/core";
import { ProviderError } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliRegistry } from "./builtin-registry.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 5, apiKeys: ["sk-registry-test"] });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const HEADERS = { "x-team": "research", "x-weft-mock-tag": "registry" };
const request = { messages: [{ role: "user" as const, content: "Hi" }], maxTokens: 8 };

function manager(provider: string, baseURL: string, options: Record<string, unknown> = {}) {
  return new ResourceManager(
    {
      aliases: {
        a: {
          model: {
            provider,
            model: provider === "anthropic" ? "claude-3-5-haiku-latest" : "gpt-4o-mini",
            apiKey: "${REGISTRY_KEY}",
            baseURL,
            headers: { ...HEADERS, "x-trace": "${TRACE_ID}" },
            options,
          },
          retry: { maxAttempts: 1 },
        },
      },
    },
    { registry: cliRegistry(undefined), env: { REGISTRY_KEY: "sk-registry-test", TRACE_ID: "t-42" } },
  );
}

describe("cliRegistry: the built-in factories pass every endpoint field on", () => {
  it.each([
    ["openai", () => server.openaiBaseURL],
    ["anthropic", () => server.anthropicBaseURL],
    ["openai-compatible", () => server.openaiBaseURL],
  ])(
    "%s: the key, the base URL, headers (${ENV} ones too) and options.headers reach the server",
    async (provider, url) => {
      const reply = await manager(provider, url(), {
        headers: { "x-from-options": "yes", "x-team": "overridden" },
      }).generate("a", request);
      expect(reply.response.text.length).toBeGreaterThan(0);
      const [sent] = server.requests;
      expect(sent?.status).toBe(200);
      expect(sent?.headers).toMatchObject({
        "x-team": "research",
        "x-trace": "t-42",
        "x-from-options": "yes",
      });
      expect(sent?.tag).toBe("registry");
    },
  );

  it("openai: organization and project options become the OpenAI headers", async () => {
    await manager("openai", server.openaiBaseURL, {
      organization: "org-weft",
      project: "proj-weft",
    }).generate("a", request);
    expect(server.requests[0]?.headers).toMatchObject({
      "openai-organization": "org-weft",
      "openai-project": "proj-weft",
    });
  });

  it.each([
    ["openai", () => server.openaiBaseURL],
    ["anthropic", () => server.anthropicBaseURL],
    ["openai-compatible", () => server.openaiBaseURL],
  ])("%s: options.timeoutMs is the provider's request timeout", async (provider, url) => {
    // The server's clock never moves, so it never answers: only the provider's timeout can end the call (a
    // JSON reply: the SDK's timeout covers the wait for the response headers, which a stream sends at once).
    const held = await startMockServer({ clock: new ManualClock(), latency: { timeToFirstTokenMs: 1_000 } });
    try {
      const base = url().replace(server.url, held.url);
      const error = await manager(provider, base, { timeoutMs: 100 })
        .generate("a", request, { stream: false })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(ProviderError.is(error) && error.kind).toBe("timeout");
      expect(held.requests).toHaveLength(1);
    } finally {
      await held.close();
    }
  });
});
