import {
  type MockServer,
  mockServerFaultInjector,
  runProviderConformance,
  startMockServer,
} from "@weft/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createAnthropic } from "./anthropic-provider.js";

// @weft/testing's provider conformance suite over real HTTP against its mock server, once per
// structured-output strategy: native `output_config.format`, and a forced answer tool. The timeout check
// holds the first byte and gives the model a 50 ms per-attempt timeout; only the SDK's timer ends it.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

const apiKey = "sk-ant-weft-conformance-0123456789";

for (const structuredOutput of ["json-schema", "tool-call"] as const) {
  runProviderConformance({
    describe,
    it,
    name: `@weft/anthropic (${structuredOutput}) against the mock server`,
    createModel: () =>
      createAnthropic({ apiKey, baseURL: server.anthropicBaseURL, structuredOutput }).languageModel(
        "claude-sonnet-4-6",
      ),
    createTimeoutModel: (timeoutMs) =>
      createAnthropic({
        apiKey,
        baseURL: server.anthropicBaseURL,
        structuredOutput,
        timeoutMs,
      }).languageModel("claude-sonnet-4-6"),
    injectFault: (fault) => mockServerFaultInjector(server)(fault),
    secrets: [apiKey],
  });
}
