import { parseArgs } from "node:util";
import { applyBrand, brandCheck, WeftError } from "@weft/provider";
import type { MockServerOptions } from "./mock-server.js";

const ARGS_ERROR_BRAND = Symbol.for("weft.error.testing.mock-server-args");

/** A `weft-mock-server` command line that cannot be used: names the flag and what was wrong. */
export class MockServerArgsError extends WeftError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("mock_server_args", message, options);
    applyBrand(this, ARGS_ERROR_BRAND);
  }

  /** True for a MockServerArgsError from any installed copy of weft. */
  static override is(value: unknown): value is MockServerArgsError {
    return isArgsError(value);
  }
}

const isArgsError = brandCheck<MockServerArgsError>(ARGS_ERROR_BRAND);

/** The `weft-mock-server` usage text. */
export const MOCK_SERVER_USAGE = `Usage: weft-mock-server [--port P] [--latency-ms N] [--per-token-ms N] [--jitter J]
                        [--lognormal-sigma S] [--rpm N] [--tpm N] [--burst-seconds N]
                        [--max-concurrent N] [--seed S]
Serves POST /v1/chat/completions (OpenAI) and POST /v1/messages (Anthropic) on 127.0.0.1
and prints its URL on the first line of stdout.`;

const NUMERIC = [
  "port",
  "latency-ms",
  "per-token-ms",
  "jitter",
  "lognormal-sigma",
  "rpm",
  "tpm",
  "burst-seconds",
  "max-concurrent",
  "seed",
] as const;

function number(flag: string, raw: string | undefined, integer: boolean, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new MockServerArgsError(
      `--${flag} must be ${integer ? "an integer" : "a number"} >= ${min}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/**
 * Reads `weft-mock-server` flags into server options. `--latency-ms` is the time to first token,
 * `--per-token-ms` the time per output token, `--jitter` their relative spread (0 to 1), `--lognormal-sigma` a
 * lognormal spread around them instead (the given values are then medians).
 * Returns `"help"` for `--help`.
 */
export function parseMockServerArgs(argv: readonly string[]): MockServerOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(NUMERIC.map((flag) => [flag, { type: "string" }])),
      },
      strict: true,
    }));
  } catch (cause) {
    throw new MockServerArgsError(
      `${cause instanceof Error ? cause.message : String(cause)}\n${MOCK_SERVER_USAGE}`,
      { cause },
    );
  }
  if (values.help) return "help";
  const raw = (flag: (typeof NUMERIC)[number]) => values[flag] as string | undefined;
  const port = number("port", raw("port"), true, 0);
  if (port !== undefined && port > 65_535)
    throw new MockServerArgsError(`--port must be at most 65535, got ${port}`);
  const jitter = number("jitter", raw("jitter"), false, 0);
  if (jitter !== undefined && jitter > 1)
    throw new MockServerArgsError(`--jitter must be at most 1, got ${jitter}`);
  return {
    port: port ?? 0,
    seed: number("seed", raw("seed"), true, 0) ?? 0,
    latency: {
      timeToFirstTokenMs: number("latency-ms", raw("latency-ms"), false, 0) ?? 0,
      perTokenMs: number("per-token-ms", raw("per-token-ms"), false, 0) ?? 0,
      jitter: jitter ?? 0,
      lognormalSigma: number("lognormal-sigma", raw("lognormal-sigma"), false, 0) ?? 0,
    },
    limits: {
      rpm: number("rpm", raw("rpm"), true, 1),
      tpm: number("tpm", raw("tpm"), true, 1),
      burstSeconds: number("burst-seconds", raw("burst-seconds"), false, 0.001),
      maxConcurrent: number("max-concurrent", raw("max-concurrent"), true, 1),
    },
  };
}
