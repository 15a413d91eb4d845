import type { Readable } from "node:stream";
import type { Clock } from "@weft/core";

/** Where the CLI writes: a stream, or anything with `write` (tests collect the text). */
export interface OutputStream {
  write(text: string): unknown;
  /** A terminal: the live display redraws in place. Default: false. */
  readonly isTTY?: boolean;
  /** Terminal width in characters. Default: 80. */
  readonly columns?: number;
}

/** Everything the CLI touches outside itself, so tests run it in-process. */
export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Environment for secrets and endpoint selection. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths are taken from here. */
  readonly cwd: string;
  /** Time for progress, rates and the ETA. */
  readonly clock: Clock;
  /** Where a human's answers come from (`weft feedback`). Default: none (the binary passes its stdin). */
  readonly stdin?: Readable;
  /** Aborted on Ctrl-C: a run stops taking items, commits what it has and exits. */
  readonly signal?: AbortSignal;
}
