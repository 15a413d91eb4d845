import { describe, expect, it } from "vitest";
import { hashString, SeededRandom } from "./seeded-random.js";

describe("hashString", () => {
  it("is stable, seed-dependent and spreads nearby inputs", () => {
    expect(hashString("abc", 1)).toBe(hashString("abc", 1));
    expect(hashString("abc", 1)).not.toBe(hashString("abc", 2));
    expect(hashString("abc")).not.toBe(hashString("abd"));
    expect(Number.isSafeInteger(hashString("x".repeat(1000)))).toBe(true);
  });
});

describe("SeededRandom", () => {
  it("repeats its sequence for a seed and stays in range", () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const first = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const r = new SeededRandom(7);
    const ints = Array.from({ length: 500 }, () => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(r.hex(12)).toMatch(/^[0-9a-f]{12}$/);
  });
});
