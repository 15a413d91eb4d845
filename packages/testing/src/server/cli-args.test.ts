import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MockServerArgsError, parseMockServerArgs } from "./cli-args.js";

describe("parseMockServerArgs", () => {
  it("maps every flag onto server options", () => {
    const options = parseMockServerArgs([
      "--port",
      "4010",
      "--latency-ms",
      "250",
      "--per-token-ms",
      "2",
      "--jitter",
      "0.1",
      "--lognormal-sigma",
      "0.5",
      "--rpm",
      "60",
      "--tpm",
      "90000",
      "--burst-seconds",
      "1",
      "--max-concurrent",
      "8",
      "--seed",
      "42",
    ]);
    expect(options).toEqual({
      port: 4010,
      seed: 42,
      latency: { timeToFirstTokenMs: 250, perTokenMs: 2, jitter: 0.1, lognormalSigma: 0.5 },
      limits: { rpm: 60, tpm: 90_000, burstSeconds: 1, maxConcurrent: 8 },
    });
    expect(parseMockServerArgs([])).toMatchObject({ port: 0, seed: 0, limits: { rpm: undefined } });
    expect(parseMockServerArgs(["--help"])).toBe("help");
  });

  it("names the flag and the bad value", () => {
    const failure = (argv: string[]) => {
      try {
        parseMockServerArgs(argv);
      } catch (error) {
        return MockServerArgsError.is(error) ? error.message : "not a MockServerArgsError";
      }
      return "no error";
    };
    expect(failure(["--rpm", "many"])).toBe('--rpm must be an integer >= 1, got "many"');
    expect(failure(["--port", "70000"])).toBe("--port must be at most 65535, got 70000");
    expect(failure(["--jitter", "2"])).toBe("--jitter must be at most 1, got 2");
    expect(failure(["--verbose"])).toMatch(/Unknown option '--verbose'/);
  });
});

describe("weft-mock-server binary", () => {
  it("prints its URL first and enforces --rpm with 429 and retry headers", async () => {
    const bin = fileURLToPath(new URL("../bin.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", bin, "--port", "0", "--rpm", "1", "--seed", "3"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ask = () =>
        fetch(`${firstLine}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: "Bearer test", "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }),
        });
      expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after-ms"))).toBeGreaterThan(0);
      expect(refused.headers.get("x-ratelimit-limit-requests")).toBe("1");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
