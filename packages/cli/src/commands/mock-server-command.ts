import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CliIO } from "../cli-io.js";

/** Usage line of `weft mock-server`. */
export const MOCK_SERVER_USAGE =
  "weft mock-server [--port P] [--latency-ms N] [--rpm N] ... (see weft mock-server --help)";

/**
 * The command that starts `@weft/testing`'s `weft-mock-server` binary: its built file, or, in a workspace
 * checkout that has not been built, its TypeScript source through tsx.
 */
export function mockServerCommandLine(): readonly string[] {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@weft/testing/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: Record<string, string> };
  const root = dirname(manifestPath);
  const built = join(root, manifest.bin?.["weft-mock-server"] ?? "dist/bin.js");
  if (existsSync(built)) return [process.execPath, built];
  const source = join(root, "src", "bin.ts");
  return [process.execPath, "--import", pathToFileURL(require.resolve("tsx")).href, source];
}

/**
 * `weft mock-server [...]`: runs `@weft/testing`'s mock server with the same flags (it prints its URL on the
 * first line), passing its output through, until it exits or the CLI is interrupted. Returns its exit code.
 */
export async function mockServerCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...args] = mockServerCommandLine();
  const child = spawn(command as string, [...args, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => io.stdout.write(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => io.stderr.write(chunk));
  const stop = () => child.kill("SIGTERM");
  io.signal?.addEventListener("abort", stop, { once: true });
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code ?? 1));
    });
  } finally {
    io.signal?.removeEventListener("abort", stop);
  }
}
