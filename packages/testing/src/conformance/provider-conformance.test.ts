import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../server/mock-server.js";
import { outcome } from "../test-support/conformance-harness.js";
import { referenceOpenAIModel } from "../test-support/reference-openai-model.js";
import { mockServerFaultInjector } from "./mock-server-injector.js";
import { runProviderConformance } from "./provider-conformance.js";

// A correct provider passes the whole suite against the mock server over real HTTP.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ rateLimitRetryAfterMs: 750 });
});
afterAll(() => server.close());

const injectFault = mockServerFaultInjector;
runProviderConformance({
  describe,
  it,
  name: "reference OpenAI model against the mock server",
  createModel: () => referenceOpenAIModel(server.openaiBaseURL),
  createTimeoutModel: (timeoutMs) => referenceOpenAIModel(server.openaiBaseURL, { timeoutMs }),
  injectFault: (fault) => injectFault(server)(fault),
  secrets: ["sk-reference-secret"],
});

describe("the suite over real HTTP against a provider that breaks the rules", () => {
  it("fails a provider whose SDK keeps its default retries: the mock server counts every attempt", async () => {
    // A 1 ms retry-after-ms lets the SDK retry at once instead of backing off on real time.
    const eager = await startMockServer({ rateLimitRetryAfterMs: 1 });
    try {
      const result = await outcome(
        {
          name: "SDK default retries",
          createModel: () => referenceOpenAIModel(eager.openaiBaseURL, { maxRetries: "sdk-default" }),
          injectFault: (fault) => injectFault(eager)(fault),
        },
        "retries: a call failing with rate_limit",
      );
      expect(result).toMatch(
        /^failed: generate with rate_limit: the server received 3 requests for one call/,
      );
      expect(eager.requests.filter((request) => request.fault === "rate_limit")).toHaveLength(3);
    } finally {
      await eager.close();
    }
  });
});
