import { describe, expect, it } from "vitest";
import { CliError } from "../errors/cli-error.js";
import { numberFlag, parseFlags, requireFlag, requirePositional } from "./parse-flags.js";

const flags = { out: { type: "string" }, resume: { type: "boolean" }, limit: { type: "string" } } as const;

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (CliError.is(error) && error.code === "usage") return error.message;
    throw error;
  }
  throw new Error("expected a usage error");
}

describe("parseFlags", () => {
  it("parses flags and positionals", () => {
    const parsed = parseFlags("run", ["p.ts", "--out", "dir", "--resume", "--limit=5"], flags, 1);
    expect(requirePositional("run", parsed, 0, "<pipeline.ts>")).toBe("p.ts");
    expect(requireFlag("run", parsed, "out")).toBe("dir");
    expect(parsed.values.resume).toBe(true);
    expect(numberFlag("run", parsed, "limit", { integer: true, min: 0 })).toBe(5);
  });

  it("names the command and flag of every mistake", () => {
    expect(usageMessage(() => parseFlags("run", ["--bogus"], flags, 1))).toMatch(
      /^weft run: unknown option '--bogus'/,
    );
    expect(usageMessage(() => parseFlags("run", ["a", "b"], flags, 1))).toBe(
      'weft run: unexpected argument "b"',
    );
    const empty = parseFlags("run", [], flags, 1);
    expect(usageMessage(() => requirePositional("run", empty, 0, "<pipeline.ts>"))).toBe(
      "weft run: missing <pipeline.ts>",
    );
    expect(usageMessage(() => requireFlag("run", empty, "out"))).toBe("weft run: --out is required");
    const bad = parseFlags("run", ["--limit=-1"], flags, 0);
    expect(usageMessage(() => numberFlag("run", bad, "limit", { integer: true, min: 0 }))).toBe(
      'weft run: --limit must be a whole number >= 0, got "-1"',
    );
  });
});
