import type Anthropic from "@anthropic-ai/sdk";
import { ManualClock } from "@weft/core";
import type OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf, sdkClients } from "../test-support/clients.js";
import { until } from "../test-support/until.js";
import { type MockServer, type MockServerOptions, startMockServer } from "./mock-server.js";

const messages = [{ role: "user" as const, content: "Count the threads" }];
let server: MockServer;
let openai: OpenAI;
let anthropic: Anthropic;
let clock: ManualClock;

async function start(options: MockServerOptions): Promise<void> {
  clock = new ManualClock();
  server = await startMockServer({ clock, ...options });
  ({ openai, anthropic } = sdkClients(server));
}
afterEach(() => server.close());

const ask = () => openai.chat.completions.create({ model: "gpt-4o", messages }).withResponse();

describe("requests per minute", () => {
  it("refuses past the limit with retry-after and exhausted headers, and admits again once refilled", async () => {
    await start({ limits: { rpm: 3 } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++)
      remaining.push((await ask()).response.headers.get("x-ratelimit-remaining-requests"));
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = (await rejectionOf(ask())) as { status: number; headers: Headers; code: string };
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after-ms")).toBe("20000");
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(refused.headers.get("x-ratelimit-limit-requests")).toBe("3");
    expect(refused.headers.get("x-ratelimit-reset-requests")).toBe("1m0s");
    expect(refused.code).toBe("rate_limit_exceeded");
    await clock.advance(19_999);
    expect(((await rejectionOf(ask())) as { status: number }).status).toBe(429);
    await clock.advance(1);
    expect((await ask()).data.choices).toHaveLength(1);
  });

  it("with burstSeconds, admits one burst at once and then the per-minute rate", async () => {
    // 600 per minute with one second's burst: 10 at once, then one every 100 ms.
    await start({ limits: { rpm: 600, burstSeconds: 1 } });
    for (let i = 0; i < 10; i++) await ask();
    const refused = (await rejectionOf(ask())) as { status: number; headers: Headers };
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after-ms")).toBe("100");
    expect(refused.headers.get("x-ratelimit-limit-requests")).toBe("600");
    await clock.advance(100);
    expect((await ask()).data.choices).toHaveLength(1);
    expect(((await rejectionOf(ask())) as { status: number }).status).toBe(429);
  });

  it("reports Anthropic's limit headers and rate_limit_error", async () => {
    await start({ limits: { rpm: 1 } });
    const ok = await anthropic.messages
      .create({ model: "claude-haiku-4-5", max_tokens: 64, messages })
      .withResponse();
    expect(ok.response.headers.get("anthropic-ratelimit-requests-limit")).toBe("1");
    expect(ok.response.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    const refused = (await rejectionOf(
      anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 64, messages }),
    )) as {
      status: number;
      type: string;
      headers: Headers;
    };
    expect(refused).toMatchObject({ status: 429, type: "rate_limit_error" });
    expect(refused.headers.get("retry-after")).toBe("60");
  });
});

describe("tokens per minute", () => {
  it("charges input plus output tokens and refuses when the bucket cannot cover a request", async () => {
    await start({ limits: { tpm: 150 } });
    const first = await ask();
    const used = first.data.usage?.total_tokens ?? 0;
    expect(first.response.headers.get("x-ratelimit-remaining-tokens")).toBe(String(150 - used));
    let refused: { status: number; type: string; headers: Headers } | undefined;
    for (let i = 0; i < 5 && !refused; i++) {
      refused = (await ask().then(
        () => undefined,
        (error: unknown) => error,
      )) as typeof refused;
    }
    expect(refused?.status).toBe(429);
    expect(refused?.type).toBe("tokens");
    expect(Number(refused?.headers.get("retry-after-ms"))).toBeGreaterThan(0);
  });
});

describe("concurrency", () => {
  it("refuses a request while maxConcurrent are in flight", async () => {
    await start({ limits: { maxConcurrent: 1 }, latency: { timeToFirstTokenMs: 1_000 } });
    const slow = ask();
    await until(() => clock.pending === 1, "the first request to be in flight");
    const refused = (await rejectionOf(ask())) as { status: number; headers: Headers };
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after-ms")).toBe("1000");
    await clock.advance(1_000);
    await slow;
    const after = ask();
    await until(() => clock.pending === 1, "the third request to be in flight");
    await clock.advance(1_000);
    expect((await after).data.choices).toHaveLength(1);
  });
});

describe("headers without configured limits", () => {
  it("reports nominal limits that count down but never refuse", async () => {
    await start({});
    const a = await ask();
    const b = await ask();
    expect(a.response.headers.get("x-ratelimit-limit-tokens")).toBe("1000000000");
    expect(Number(b.response.headers.get("x-ratelimit-remaining-requests"))).toBe(
      Number(a.response.headers.get("x-ratelimit-remaining-requests")) - 1,
    );
  });
});

describe("changing limits and latency between requests", () => {
  it("applies setLimits and setLatency to the next requests", async () => {
    await start({});
    server.setLimits({ rpm: 1 });
    await ask();
    expect(((await rejectionOf(ask())) as { status: number }).status).toBe(429);
    server.setLimits({});
    server.setLatency({ timeToFirstTokenMs: 50 });
    const slow = ask();
    await until(() => clock.pending === 1, "the request to wait");
    expect(server.requests.at(-1)?.latency?.timeToFirstTokenMs).toBe(50);
    await clock.runAll();
    expect((await slow).response.status).toBe(200);
  });
});
