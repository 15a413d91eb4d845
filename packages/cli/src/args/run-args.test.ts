import { describe, expect, it } from "vitest";
import { CliError } from "../errors/cli-error.js";
import { parseRunArgs } from "./run-args.js";

function usage(argv: string[]): string {
  try {
    parseRunArgs(argv);
  } catch (error) {
    if (CliError.is(error)) return error.message;
    throw error;
  }
  throw new Error("expected a usage error");
}

describe("parseRunArgs", () => {
  it("reads every flag of weft run", () => {
    expect(
      parseRunArgs([
        "p.ts",
        "-i",
        "in.jsonl",
        "--out",
        "o",
        "--resume",
        "--concurrency",
        "8",
        "--limit",
        "10",
        "--budget-usd",
        "0.5",
        "--config",
        "r.yaml",
        "--id-field",
        "id",
        "--max-lines-per-file",
        "100",
        "--node-outputs",
        "--csv",
        "--parquet",
        "--profile",
        "--quiet",
        "--json-logs",
      ]),
    ).toEqual({
      pipeline: "p.ts",
      input: "in.jsonl",
      out: "o",
      resume: true,
      concurrency: 8,
      limit: 10,
      budgetUsd: 0.5,
      config: "r.yaml",
      idField: "id",
      maxLinesPerFile: 100,
      nodeOutputs: true,
      csv: true,
      parquet: true,
      profile: true,
      quiet: true,
      jsonLogs: true,
    });
    expect(parseRunArgs(["p.ts", "--input", "a.csv", "--out", "o"])).toMatchObject({
      resume: false,
      concurrency: undefined,
      limit: undefined,
      budgetUsd: undefined,
      quiet: false,
    });
  });

  it("names the missing or bad argument", () => {
    expect(usage(["--input", "a", "--out", "o"])).toBe("weft run: missing <pipeline.ts>");
    expect(usage(["p.ts", "--out", "o"])).toBe("weft run: --input is required");
    expect(usage(["p.ts", "--input", "a"])).toBe("weft run: --out is required");
    expect(usage(["p.ts", "--input", "a", "--out", "o", "--concurrency", "0"])).toBe(
      'weft run: --concurrency must be a whole number >= 1, got "0"',
    );
    expect(usage(["p.ts", "--input", "a", "--out", "o", "--budget-usd", "lots"])).toBe(
      'weft run: --budget-usd must be a number >= 0, got "lots"',
    );
    expect(usage(["p.ts", "--input", "a", "--out", "o", "--fast"])).toMatch(
      /^weft run: unknown option '--fast'/,
    );
  });
});
