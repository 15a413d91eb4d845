import { afterAll, beforeAll, describe, it } from "vitest";
import { type MockServer, startMockServer } from "../server/mock-server.js";
import { referenceOpenAIModel } from "../test-support/reference-openai-model.js";
import { mockServerFaultInjector } from "./mock-server-injector.js";
import { runProviderConformance } from "./provider-conformance.js";

// A correct provider passes the whole suite against the mock server over real HTTP.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ rateLimitRetryAfterMs: 750 });
});
afterAll(() => server.close());

runProviderConformance({
  describe,
  it,
  name: "reference OpenAI model against the mock server",
  createModel: () => referenceOpenAIModel(server.openaiBaseURL),
  injectFault: (fault) => mockServerFaultInjector(server)(fault),
  secrets: ["sk-reference-secret"],
});
