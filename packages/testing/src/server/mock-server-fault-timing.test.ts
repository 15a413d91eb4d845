import { ManualClock } from "@weft/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sdkClients } from "../test-support/clients.js";
import { faultCalls } from "../test-support/fault-calls.js";
import { until } from "../test-support/until.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let clients: ReturnType<typeof sdkClients>;
const clock = new ManualClock();
const { openaiJson, openaiStream, anthropicStream } = faultCalls(() => clients);

beforeAll(async () => {
  server = await startMockServer({ clock, slowFirstByteMs: 5_000, stallMs: 60_000 });
  clients = sdkClients(server);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("timing faults on the server's clock", () => {
  it("slow_first_byte: the server writes nothing until the delay has passed", async () => {
    const reply = openaiJson("slow_first_byte");
    await until(() => clock.pending === 1, "the server to start waiting");
    // Server-side state: had the wait been shorter, advance() would have let the reply start before returning.
    await clock.advance(4_999);
    expect(server.requests[0]).toMatchObject({ status: undefined, replyStartTime: undefined });
    await clock.advance(1);
    expect((await reply).choices[0]?.message.content).toMatch(/\w/);
    expect(server.requests[0]).toMatchObject({
      status: 200,
      fault: "slow_first_byte",
      replyStartTime: 5_000,
    });
  });

  it("stall_stream: after an abort the server sees the connection closed before the next event", async () => {
    for (const open of [openaiStream, anthropicStream] as const) {
      server.reset();
      const controller = new AbortController();
      const stream = await open("stall_stream", controller.signal);
      const iterator = stream[Symbol.asyncIterator]();
      await until(() => clock.pending === 1, "the stream to stall");
      const seen = server.requests[0]?.eventsSent ?? 0;
      await iterator.next();
      controller.abort();
      const request = await server.waitForRequest();
      expect(request).toMatchObject({ outcome: "client_closed", clientClosed: true, eventsSent: seen });
      expect(request.eventsSent).toBeLessThan(request.eventsPlanned);
      expect(clock.pending).toBe(0);
    }
  });
});
