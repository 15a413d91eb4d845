import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random/seeded-random.js";
import { stringForPattern } from "./pattern-string.js";

describe("stringForPattern", () => {
  const patterns = [
    "^\\d{5}$",
    "^[A-Z]{3}-\\d{2,4}$",
    "^(cat|dog)s?$",
    "^[a-z0-9._%+-]+@[a-z]+\\.(com|org)$",
    "^#[0-9a-fA-F]{6}$",
    "^v\\d+\\.\\d+\\.\\d+(-[a-z]+)?$",
    "[^abc]x",
  ];
  for (const pattern of patterns) {
    it(`generates strings matching ${pattern}`, () => {
      for (let seed = 0; seed < 30; seed++) {
        const value = stringForPattern(pattern, new SeededRandom(seed));
        expect(value).toBeDefined();
        expect(new RegExp(pattern, "u").test(value as string)).toBe(true);
      }
    });
  }

  it("gives up on unsupported features instead of guessing", () => {
    expect(stringForPattern("^(?=a)a$", new SeededRandom(1))).toBeUndefined();
    expect(stringForPattern("^(a)\\1$", new SeededRandom(1))).toBeUndefined();
    expect(stringForPattern("([", new SeededRandom(1))).toBeUndefined();
  });
});
