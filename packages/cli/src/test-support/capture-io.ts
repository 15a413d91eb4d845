import { ManualClock } from "@weft/core";
import type { CliIO, OutputStream } from "../cli-io.js";

/** An output stream that keeps what was written. */
export interface CapturedStream extends OutputStream {
  readonly text: () => string;
}

/** A stream collecting its writes; `isTTY` and `columns` as given. */
export function captureStream(options: { isTTY?: boolean; columns?: number } = {}): CapturedStream {
  const chunks: string[] = [];
  return {
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(""),
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 200,
  };
}

/** A CLI IO for in-process tests: captured output, an explicit env, a ManualClock unless given. */
export function captureIO(
  overrides: Partial<CliIO> = {},
): CliIO & { stdout: CapturedStream; stderr: CapturedStream } {
  return {
    stdout: captureStream(),
    stderr: captureStream(),
    env: {},
    cwd: process.cwd(),
    clock: new ManualClock(),
    ...overrides,
  } as CliIO & { stdout: CapturedStream; stderr: CapturedStream };
}
