import { describe, expect, it } from "vitest";
import { formatResetDuration } from "./rate-limit-headers.js";
import { TokenBucket } from "./token-bucket.js";

describe("TokenBucket", () => {
  it("empties, says how long to wait, and refills continuously over the period", () => {
    const bucket = new TokenBucket(60, 60_000, 0);
    expect(bucket.tryTake(60, 0)).toBe(true);
    expect(bucket.tryTake(1, 0)).toBe(false);
    expect(bucket.waitFor(1, 0)).toBe(1_000);
    expect(bucket.waitFor(30, 0)).toBe(30_000);
    expect(bucket.remaining(15_000)).toBe(15);
    expect(bucket.untilFull(15_000)).toBe(45_000);
    expect(bucket.remaining(120_000)).toBe(60);
  });

  it("can be charged past empty for usage already served, and reset", () => {
    const bucket = new TokenBucket(10, 1_000, 0);
    bucket.charge(15, 0);
    expect(bucket.remaining(0)).toBe(-5);
    expect(bucket.waitFor(1, 0)).toBe(600);
    bucket.reset(0);
    expect(bucket.remaining(0)).toBe(10);
  });
});

it("limits bursts to its capacity while refilling at its rate", () => {
  // 6,000 per minute with one second's worth of burst: 100 at once, then 100 per second.
  const bucket = new TokenBucket(6_000, 60_000, 0, 100);
  expect(bucket.remaining(0)).toBe(100);
  expect(bucket.tryTake(100, 0)).toBe(true);
  expect(bucket.tryTake(1, 0)).toBe(false);
  expect(bucket.waitFor(1, 0)).toBe(10);
  expect(bucket.remaining(500)).toBe(50);
  expect(bucket.remaining(60_000)).toBe(100);
});

describe("formatResetDuration", () => {
  it("writes OpenAI's duration style", () => {
    expect(formatResetDuration(120)).toBe("120ms");
    expect(formatResetDuration(1_500)).toBe("1.5s");
    expect(formatResetDuration(60_000)).toBe("1m0s");
    expect(formatResetDuration(3_723_000)).toBe("1h2m3s");
  });
});
