import type { GenerateRequest } from "@weft/provider";
import { FAULT_HEADER, ManualClock, type MockFault, type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropic } from "../anthropic-provider.js";

// One test per error kind, each produced by the mock server's fault injection over real HTTP.
let server: MockServer;
const clock = new ManualClock();
const apiKey = "sk-ant-weft-mock-0123456789";

beforeAll(async () => {
  // On a manual clock the slow and stalled faults never finish by themselves.
  server = await startMockServer({ clock, rateLimitRetryAfterMs: 2500 });
});
afterAll(() => server.close());

const model = (timeoutMs?: number) =>
  createAnthropic({
    apiKey,
    baseURL: server.anthropicBaseURL,
    ...(timeoutMs ? { timeoutMs } : {}),
  }).languageModel("claude-sonnet-4-6");
const request = (fault: MockFault): GenerateRequest => ({
  messages: [{ role: "user", content: "Hello" }],
  headers: { [FAULT_HEADER]: fault },
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );
async function streamFailure(fault: MockFault): Promise<unknown> {
  try {
    for await (const _ of model().stream(request(fault))) {
      // drain until the fault
    }
  } catch (error) {
    return error;
  }
  return expect.fail("expected the stream to fail");
}

describe("Anthropic error kinds against the mock server", () => {
  it("rate_limit: 429 rate_limit_error with retryAfterMs", async () => {
    const error = await failure(model().generate(request("rate_limit")));
    expect(error).toMatchObject({ kind: "rate_limit", status: 429, retryAfterMs: 2500, isRetryable: true });
  });

  it("quota: 429 with a spent spend limit is never retryable and carries no wait", async () => {
    const error = await failure(model().generate(request("quota")));
    expect(error).toMatchObject({ kind: "quota", status: 429, retryAfterMs: undefined, isRetryable: false });
  });

  it.each([
    ["overloaded", "overloaded", 529],
    ["unavailable", "overloaded", 503],
    ["server_error", "transient", 500],
    ["auth", "auth", 401],
    ["bad_request", "invalid_request", 400],
    ["context_length", "context_length", 400],
  ] as const)("%s fault is kind %s (HTTP %d)", async (fault, kind, status) => {
    expect(await failure(model().generate(request(fault)))).toMatchObject({
      kind,
      status,
      provider: "anthropic.messages",
    });
  });

  it.each(["reset", "malformed_json", "cut_stream"] as const)(
    "%s is transient, generating or streaming",
    async (fault) => {
      expect(await failure(model().generate(request(fault)))).toMatchObject({
        kind: "transient",
        isRetryable: true,
      });
      expect(await streamFailure(fault)).toMatchObject({ kind: "transient", isRetryable: true });
    },
  );

  it("an overloaded_error event inside a 200 stream is overloaded", async () => {
    expect(await streamFailure("stream_error_event")).toMatchObject({
      kind: "overloaded",
      status: undefined,
      isRetryable: true,
    });
  });

  it("timeout: the SDK's per-attempt limit fires while the first byte is held back", async () => {
    // The mock holds the reply on its manual clock; only the SDK's own timer ends the attempt.
    expect(await failure(model(50).generate(request("slow_first_byte")))).toMatchObject({ kind: "timeout" });
  });

  it("aborted: the caller's signal closes the stalled connection", async () => {
    const controller = new AbortController();
    const parts = model()
      .stream(request("stall_stream"), { signal: controller.signal })
      [Symbol.asyncIterator]();
    expect((await parts.next()).value).toMatchObject({ type: "response-metadata" });
    expect((await parts.next()).value).toMatchObject({ type: "text-delta" });
    const pending = parts.next();
    controller.abort();
    expect(await failure(pending)).toMatchObject({ kind: "aborted", isRetryable: false });
    const recorded = await server.waitForRequest((r) => r.headers[FAULT_HEADER] === "stall_stream");
    expect(recorded.outcome).toBe("client_closed");
  });

  it("no error leaks the API key", async () => {
    const error = await failure(model().generate(request("auth")));
    expect(`${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`).not.toContain(
      apiKey,
    );
  });
});
