// Test support: the `weft` binary as a child process, run from its TypeScript source through tsx.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: children run there so tsx finds the workspace tsconfig (sources, not builds). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

const BIN = fileURLToPath(new URL("../bin.ts", import.meta.url));

/** Starts `weft <args>` with `env` added to this process's environment; `stdin: "pipe"` to write to it. */
export function startWeft(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  stdin: "ignore" | "pipe" = "ignore",
): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, WEFT_DEBUG: "", ...env },
    stdio: [stdin, "pipe", "pipe"],
  });
}

/** What a finished `weft` child printed, and its exit code. */
export interface WeftOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `weft <args>` to the end; `input`, when given, is written to its stdin, which is then closed. */
export function runWeft(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): Promise<WeftOutcome> {
  const child = startWeft(args, env, input === undefined ? "ignore" : "pipe");
  child.stdin?.end(input);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
