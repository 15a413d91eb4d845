import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drain, rejectionOf, sdkClients } from "../test-support/clients.js";
import { faultCalls } from "../test-support/fault-calls.js";
import { FAULT_HEADER, type MockFault } from "./faults/faults.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let clients: ReturnType<typeof sdkClients>;
const messages = [{ role: "user" as const, content: "Tell me about looms" }];
const { openaiJson, anthropicJson, openaiStream, anthropicStream } = faultCalls(() => clients);

beforeAll(async () => {
  server = await startMockServer({ rateLimitRetryAfterMs: 2_500 });
  clients = sdkClients(server);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("status faults", () => {
  const cases: [MockFault, number, number, string, string][] = [
    ["rate_limit", 429, 429, "rate_limit_exceeded", "rate_limit_error"],
    ["quota", 429, 429, "insufficient_quota", "rate_limit_error"],
    ["overloaded", 503, 529, "server_error", "overloaded_error"],
    ["server_error", 500, 500, "server_error", "api_error"],
    ["unavailable", 503, 503, "server_error", "api_error"],
    ["auth", 401, 401, "invalid_api_key", "authentication_error"],
    ["bad_request", 400, 400, "invalid_request_error", "invalid_request_error"],
    ["context_length", 400, 400, "context_length_exceeded", "invalid_request_error"],
  ];
  for (const [fault, openaiStatus, anthropicStatus, openaiCode, anthropicType] of cases) {
    it(`${fault}: ${openaiStatus} from OpenAI, ${anthropicStatus} from Anthropic, with the real error bodies`, async () => {
      const openaiError = await rejectionOf(openaiJson(fault));
      expect(openaiError).toBeInstanceOf(OpenAI.APIError);
      const oe = openaiError as InstanceType<typeof OpenAI.APIError>;
      expect(oe.status).toBe(openaiStatus);
      expect([oe.code, oe.type]).toContain(openaiCode);
      const anthropicError = await rejectionOf(anthropicJson(fault));
      expect(anthropicError).toBeInstanceOf(Anthropic.APIError);
      const ae = anthropicError as InstanceType<typeof Anthropic.APIError>;
      expect(ae.status).toBe(anthropicStatus);
      expect(ae.type).toBe(anthropicType);
      expect(server.requests.map((r) => r.fault)).toEqual([fault, fault]);
    });
  }

  it("rate_limit carries retry-after-ms, retry-after and exhausted limit headers", async () => {
    const oe = (await rejectionOf(openaiJson("rate_limit"))) as InstanceType<typeof OpenAI.APIError>;
    expect(oe.headers?.get("retry-after-ms")).toBe("2500");
    expect(oe.headers?.get("retry-after")).toBe("3");
    expect(oe.headers?.get("x-ratelimit-remaining-requests")).toBe("0");
    const ae = (await rejectionOf(anthropicJson("rate_limit"))) as InstanceType<typeof Anthropic.APIError>;
    expect(ae.headers?.get("retry-after")).toBe("3");
    expect(ae.headers?.get("anthropic-ratelimit-requests-remaining")).toBe("0");
  });

  it("quota on Anthropic names the spend limit in details.error_code", async () => {
    const ae = (await rejectionOf(anthropicJson("quota"))) as InstanceType<typeof Anthropic.APIError>;
    expect(ae.errorCode).toBe("enforced_spend_limit_reached");
    const oe = (await rejectionOf(openaiJson("quota"))) as InstanceType<typeof OpenAI.APIError>;
    expect(oe.headers?.get("retry-after")).toBeNull();
  });

  it("answers 400 naming the known faults when the header names an unknown one", async () => {
    const error = (await rejectionOf(
      clients.openai.chat.completions.create(
        { model: "gpt-4o", messages },
        { headers: { [FAULT_HEADER]: "gremlins" } },
      ),
    )) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toContain("rate_limit");
  });
});

describe("connection and body faults", () => {
  it("reset: the connection drops before any reply", async () => {
    expect(await rejectionOf(openaiJson("reset"))).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(await rejectionOf(anthropicJson("reset"))).toBeInstanceOf(Anthropic.APIConnectionError);
    await server.waitForRequest((r) => r.index === 1);
    expect(server.requests.map((r) => [r.status, r.outcome])).toEqual([
      [undefined, "server_closed"],
      [undefined, "server_closed"],
    ]);
  });

  it("malformed_json: a 200 whose JSON body does not parse", async () => {
    expect(await rejectionOf(openaiJson("malformed_json"))).toBeInstanceOf(Error);
    expect(await rejectionOf(anthropicJson("malformed_json"))).toBeInstanceOf(Error);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("malformed_json in a stream: an event that is not JSON", async () => {
    for (const open of [openaiStream, anthropicStream]) {
      const { error } = await drain<unknown>(await open("malformed_json"));
      expect(error).toBeInstanceOf(SyntaxError);
    }
  });

  it("cut_stream: the socket drops half-way through a stream, after some content", async () => {
    const openaiRun = await drain(await openaiStream("cut_stream"));
    expect(openaiRun.error).toBeInstanceOf(Error);
    expect(openaiRun.items.some((chunk) => chunk.choices[0]?.delta.content)).toBe(true);
    expect(openaiRun.items.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
    const anthropicRun = await drain(await anthropicStream("cut_stream"));
    expect(anthropicRun.error).toBeInstanceOf(Error);
    expect(anthropicRun.items.map((event) => event.type)).not.toContain("message_stop");
    await server.waitForRequest((r) => r.index === 1);
    for (const request of server.requests) {
      expect(request.outcome).toBe("server_closed");
      expect(request.eventsSent).toBeLessThan(request.eventsPlanned);
    }
  });

  it("cut_stream on a JSON request truncates the body", async () => {
    expect(await rejectionOf(openaiJson("cut_stream"))).toBeInstanceOf(Error);
    await server.waitForRequest();
    expect(server.requests[0]?.outcome).toBe("server_closed");
  });

  it("stream_error_event: an error event inside a 200 stream", async () => {
    const anthropicRun = await drain(await anthropicStream("stream_error_event"));
    expect(anthropicRun.error).toBeInstanceOf(Anthropic.APIError);
    expect((anthropicRun.error as InstanceType<typeof Anthropic.APIError>).type).toBe("overloaded_error");
    expect(anthropicRun.items.some((event) => event.type === "content_block_delta")).toBe(true);
    const openaiRun = await drain(await openaiStream("stream_error_event"));
    expect(openaiRun.error).toBeInstanceOf(OpenAI.APIError);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
    const overloaded = (await rejectionOf(anthropicJson("stream_error_event"))) as InstanceType<
      typeof Anthropic.APIError
    >;
    expect(overloaded.status).toBe(529);
  });
});

describe("configured fault rules", () => {
  it("applies every n-th, at most count times, on matching paths only", async () => {
    server.setFaults([{ fault: "server_error", every: 2, count: 2, path: "/v1/chat" }]);
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      await clients.openai.chat.completions.create({ model: "gpt-4o", messages }).catch(() => undefined);
    }
    await clients.anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 256, messages });
    for (const request of server.requests) statuses.push(request.status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 200, 200]);
    server.setFaults([]);
  });

  it("applies a probability rule reproducibly for a seed", async () => {
    const run = async () => {
      const local = await startMockServer({ seed: 11, faults: [{ fault: "overloaded", probability: 0.5 }] });
      const { openai } = sdkClients(local);
      for (let i = 0; i < 12; i++)
        await openai.chat.completions.create({ model: "gpt-4o", messages }).catch(() => undefined);
      const statuses = local.requests.map((r) => r.status);
      await local.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });
});
