import { ManualClock } from "@weft/core";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";
import type { RateTicket } from "./rate-limiter-types.js";

describe("the burst after an adaptive limiter's probe", () => {
  it("sends what the probe's headers allow, then refills only once the burst's first answer corrects it", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock });
    const probe = await limiter.acquire(0);
    const times: number[] = [];
    const tickets = Array.from({ length: 10 }, () =>
      limiter.acquire(0).then((ticket) => {
        times.push(clock.now());
        return ticket;
      }),
    );
    probe.complete({ rateLimit: { limitRequests: 600, remainingRequests: 5 } });
    await clock.advance(0);
    expect(times).toEqual([0, 0, 0, 0, 0]);
    // The burst may still be on its way, with the server's bucket full and not refilling: ours waits too.
    await clock.advance(1_000);
    expect(times).toEqual([0, 0, 0, 0, 0]);
    // The first answer says 3 were left when it was answered, with 4 more of the burst sent after it: one owed.
    ((await tickets[0]) as RateTicket).complete({ rateLimit: { limitRequests: 600, remainingRequests: 3 } });
    await clock.advance(1_000);
    expect(times).toEqual([0, 0, 0, 0, 0, 1_200, 1_300, 1_400, 1_500, 1_600]);
  });

  it("does not hold when nothing sent could answer: an empty bucket refills at the rate", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600, clock });
    (await limiter.acquire(0)).complete({ rateLimit: { limitRequests: 600, remainingRequests: 0 } });
    const waiting = limiter.acquire(0).then(() => clock.now());
    await clock.advance(100);
    expect(await waiting).toBe(100);
  });
});
