import {
  type MockServer,
  mockServerFaultInjector,
  runProviderConformance,
  startMockServer,
} from "@weft/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createOpenAI } from "./openai-provider.js";
import { createTGI } from "./presets/tgi.js";

// @weft/testing's provider conformance suite over real HTTP against its mock server: once for OpenAI
// (native strict json_schema) and once for an OpenAI-compatible preset that answers through a forced tool.
// The timeout check holds the first byte on the server's real clock (30 s by default) and gives the model a
// 50 ms per-attempt timeout: the SDK's own timer ends the attempt and the server sees the socket close.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

const apiKey = "sk-weft-conformance-0123456789";

runProviderConformance({
  describe,
  it,
  name: "@weft/openai against the mock server",
  createModel: () => createOpenAI({ apiKey, baseURL: server.openaiBaseURL }).languageModel("gpt-4o-mini"),
  createTimeoutModel: (timeoutMs) =>
    createOpenAI({ apiKey, baseURL: server.openaiBaseURL, timeoutMs }).languageModel("gpt-4o-mini"),
  injectFault: (fault) => mockServerFaultInjector(server)(fault),
  secrets: [apiKey],
});

runProviderConformance({
  describe,
  it,
  name: "@weft/openai createTGI (tool-call strategy) against the mock server",
  createModel: () => createTGI({ apiKey, baseURL: server.openaiBaseURL }).languageModel("tgi"),
  createTimeoutModel: (timeoutMs) =>
    createTGI({ apiKey, baseURL: server.openaiBaseURL, timeoutMs }).languageModel("tgi"),
  injectFault: (fault) => mockServerFaultInjector(server)(fault),
  secrets: [apiKey],
});
