import { ManualClock } from "@weft/core";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";
import type { RateAdjustment, RateTicket } from "./rate-limiter-types.js";
import { TokenBucket } from "./token-bucket.js";

/** Acquires and records the clock time of each grant. */
function grantTimes(limiter: RateLimiter, clock: ManualClock, count: number, tokens = 0) {
  const times: number[] = [];
  const tickets: Promise<RateTicket>[] = [];
  for (let i = 0; i < count; i++) {
    tickets.push(
      limiter.acquire(tokens).then((ticket) => {
        times.push(clock.now());
        return ticket;
      }),
    );
  }
  return { times, tickets };
}

describe("TokenBucket", () => {
  it("refills continuously up to capacity and lets a large take run into debt", () => {
    const bucket = new TokenBucket(600, 10, 0);
    expect(bucket.available(0)).toBe(10);
    bucket.take(10, 0);
    expect(bucket.waitFor(1, 0)).toBe(100);
    expect(bucket.available(50)).toBeCloseTo(0.5);
    expect(bucket.waitFor(25, 1_000)).toBe(0); // capped at capacity: a full bucket lets it through
    expect(bucket.take(25, 1_000)).toBe(-15);
    expect(bucket.waitFor(1, 1_000)).toBe(1_600);
  });
});

describe("RateLimiter requests per minute", () => {
  it("spaces requests at the rate once the one-second burst is spent", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock, adaptive: false });
    const { times } = grantTimes(limiter, clock, 12);
    await clock.advance(0);
    expect(times).toHaveLength(10);
    await clock.advance(100);
    expect(times).toHaveLength(11);
    await clock.advance(100);
    expect(times).toEqual([...Array(10).fill(0), 100, 200]);
  });

  it("is unlimited without rates and reports the time a grant waited", async () => {
    const clock = new ManualClock();
    const free = new RateLimiter({ clock });
    const tickets = await Promise.all(Array.from({ length: 100 }, () => free.acquire(1_000)));
    expect(tickets.every((t) => t.waitedMs === 0)).toBe(true);
    const slow = new RateLimiter({ rpm: 60, clock, adaptive: false });
    await slow.acquire(0);
    const second = slow.acquire(0);
    await clock.advance(1_000);
    expect((await second).waitedMs).toBe(1_000);
  });

  it("reports no wait for a grant made at once, even on a clock that moves between reads", async () => {
    let reads = 0;
    const clock = { now: () => ++reads * 0.001, sleep: () => Promise.resolve() };
    const limiter = new RateLimiter({ rpm: 600, clock, adaptive: false });
    expect(limiter.tryAcquire(1)?.waitedMs).toBe(0);
    expect((await limiter.acquire(1)).waitedMs).toBe(0);
  });

  it("gives back an unsent request and drops an aborted waiter", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 60, clock, adaptive: false });
    const first = await limiter.acquire(0);
    const controller = new AbortController();
    const aborted = limiter.acquire(0, controller.signal);
    controller.abort(new Error("gone"));
    await expect(aborted).rejects.toThrow("gone");
    expect(limiter.queued).toBe(0);
    first.cancel();
    expect((await limiter.acquire(0)).waitedMs).toBe(0);
  });
});

describe("RateLimiter tokens per minute", () => {
  it("debits the estimate, then refunds what the call did not use", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tpm: 6_000, clock, adaptive: false }); // 100 tokens/s, burst 100
    const first = await limiter.acquire(60);
    const { times } = grantTimes(limiter, clock, 1, 60);
    await clock.advance(100);
    expect(times).toEqual([]); // 40 + 10 < 60
    first.complete({ tokensUsed: 10 }); // 50 refunded
    await clock.advance(0);
    expect(times).toEqual([100]);
  });

  it("charges extra when a call used more than its estimate", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tpm: 6_000, clock, adaptive: false });
    (await limiter.acquire(10)).complete({ tokensUsed: 100 });
    const { times } = grantTimes(limiter, clock, 1, 10);
    await clock.advance(99);
    expect(times).toEqual([]);
    await clock.advance(1);
    expect(times).toEqual([100]);
  });
});

describe("RateLimiter header correction", () => {
  it("adopts a lower server limit as its ceiling", async () => {
    const clock = new ManualClock();
    const adjustments: RateAdjustment[] = [];
    const limiter = new RateLimiter({
      rpm: 600,
      clock,
      adaptive: false,
      onAdjust: (a) => adjustments.push(a),
    });
    (await limiter.acquire(0)).complete({ rateLimit: { limitRequests: 60, limitTokens: 1_000 } });
    expect(limiter.rpm).toBe(60);
    expect(limiter.tpm).toBe(1_000); // a token limit learnt from headers alone
    expect(adjustments).toEqual([
      { reason: "headers", rpm: 60, previousRpm: 600, tpm: 1_000, previousTpm: undefined },
    ]);
    (await limiter.acquire(0)).complete({ rateLimit: { limitRequests: 6_000 } }); // never raised
    expect(limiter.rpm).toBe(60);
  });

  it("lowers its bucket when the server had fewer requests left than it thought", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock, adaptive: false });
    const ticket = await limiter.acquire(0); // 9 left here
    ticket.complete({ rateLimit: { remainingRequests: 2 } }); // the server had 2 left
    const { times } = grantTimes(limiter, clock, 3);
    await clock.advance(0);
    expect(times).toEqual([0, 0]);
    await clock.advance(100);
    expect(times).toEqual([0, 0, 100]);
  });
  it("counts requests sent after the answered one against the server's remaining count", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock, adaptive: false });
    const first = await limiter.acquire(0);
    await limiter.acquire(0);
    await limiter.acquire(0); // 7 left here
    first.complete({ rateLimit: { remainingRequests: 5 } }); // two sent since may not have arrived: 3 at most
    const { times } = grantTimes(limiter, clock, 4);
    await clock.advance(0);
    expect(times).toEqual([0, 0, 0]);
  });

  it("after a 429, owes the server every request sent since the refused one", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock, adaptive: false });
    const refused = await limiter.acquire(0);
    await limiter.acquire(0);
    await limiter.acquire(0);
    refused.complete({ limited: true }); // -2 now: 3 requests' worth of refill before the next
    const { times } = grantTimes(limiter, clock, 1);
    await clock.advance(299);
    expect(times).toEqual([]);
    await clock.advance(1);
    expect(times).toEqual([300]);
  });
});

describe("RateLimiter adaptive rates", () => {
  it("halves the rate on a 429, once per congestion episode, down to minRpm", async () => {
    const clock = new ManualClock();
    const adjustments: RateAdjustment[] = [];
    const limiter = new RateLimiter({
      rpm: 1_200,
      clock,
      adaptive: { minRpm: 200, backoffFactor: 0.5 },
      onAdjust: (a) => adjustments.push(a),
    });
    const probe = await limiter.acquire(0);
    probe.complete({ rateLimit: { remainingRequests: 100 } }); // fills the bucket the limiter started empty
    const early = await limiter.acquire(0);
    const alsoEarly = await limiter.acquire(0);
    early.complete({ limited: true });
    expect(limiter.rpm).toBe(600);
    alsoEarly.complete({ limited: true }); // sent before the decrease: same episode
    expect(limiter.rpm).toBe(600);
    for (const expected of [300, 200, 200]) {
      const next = limiter.acquire(0);
      await clock.advance(1_000);
      (await next).complete({ limited: true });
      expect(limiter.rpm).toBe(expected);
    }
    expect(adjustments.map((a) => [a.reason, a.previousRpm, a.rpm])).toEqual([
      ["rate_limited", 1_200, 600],
      ["rate_limited", 600, 300],
      ["rate_limited", 300, 200],
    ]);
  });

  it("recovers gradually on success, at most once a second, up to the ceiling", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      rpm: 600,
      clock,
      adaptive: { backoffFactor: 0.5, recoveryFactor: 1.5 },
    });
    (await limiter.acquire(0)).complete({ limited: true });
    expect(limiter.rpm).toBe(300);
    const next = limiter.acquire(0); // the 429 emptied the bucket: one request at 300/min takes 200 ms
    await clock.advance(200);
    (await next).complete({}); // too soon after the decrease
    expect(limiter.rpm).toBe(300);
    await clock.advance(800);
    (await limiter.acquire(0)).complete({ failed: true }); // a failure is no reason to speed up
    expect(limiter.rpm).toBe(300);
    (await limiter.acquire(0)).complete({});
    expect(limiter.rpm).toBe(450);
    (await limiter.acquire(0)).complete({});
    expect(limiter.rpm).toBe(450);
    await clock.advance(1_000);
    (await limiter.acquire(0)).complete({});
    expect(limiter.rpm).toBe(600);
  });

  it("pauses for the server's retry-after and empties the request bucket", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 6_000, clock, adaptive: false });
    (await limiter.acquire(0)).complete({ limited: true, retryAfterMs: 2_000 });
    const { times } = grantTimes(limiter, clock, 2);
    await clock.advance(1_999);
    expect(times).toEqual([]);
    await clock.advance(1);
    expect(times).toEqual([2_000, 2_000]);
  });

  it("sends one probe and fills its bucket from the probe's headers before bursting", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 6_000, clock });
    const probe = await limiter.acquire(0);
    const { times } = grantTimes(limiter, clock, 5);
    await clock.advance(500);
    expect(times).toEqual([]);
    probe.complete({ rateLimit: { limitRequests: 600, remainingRequests: 599 } });
    await clock.advance(0);
    expect(limiter.rpm).toBe(600);
    expect(times).toEqual([500, 500, 500, 500, 500]);
  });

  it("starts slowly when the server sends no headers: no burst, just the configured rate", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock });
    (await limiter.acquire(0)).complete({});
    const { times } = grantTimes(limiter, clock, 3);
    await clock.runAll();
    expect(times).toEqual([100, 200, 300]);
  });

  it("decreases to just under the rate the server accepted, and recovers no higher for a while", async () => {
    const clock = new ManualClock();
    const adjustments: RateAdjustment[] = [];
    const limiter = new RateLimiter({
      rpm: 1_200,
      clock,
      adaptive: { backoffFactor: 0.5, recoveryFactor: 1.5 },
      onAdjust: (a) => adjustments.push(a),
    });
    // The server accepts 10 requests a second (600/min) for four seconds.
    (await limiter.acquire(0)).complete({ rateLimit: { remainingRequests: 20 } });
    for (let i = 0; i < 40; i++) {
      const ticket = limiter.acquire(0);
      await clock.advance(100);
      (await ticket).complete({});
    }
    const refused = limiter.acquire(0);
    await clock.runAll();
    (await refused).complete({ limited: true });
    expect(limiter.rpm).toBeCloseTo(600 * 0.95, 6); // not 1,200 x 0.5 = 600: just under what got through
    for (let i = 0; i < 30; i++) {
      const ticket = limiter.acquire(0);
      await clock.advance(200);
      (await ticket).complete({});
    }
    // Recovery stops at the accepted rate (600) for ten seconds after the refusal.
    expect(limiter.rpm).toBeCloseTo(600, 6);
    expect(adjustments.map((a) => a.reason)).toEqual(["rate_limited", "recovered"]);
  });

  it("rejects bad factors", () => {
    expect(() => new RateLimiter({ adaptive: { backoffFactor: 1 } })).toThrow(RangeError);
    expect(() => new RateLimiter({ adaptive: { recoveryFactor: 1 } })).toThrow(RangeError);
  });
});
