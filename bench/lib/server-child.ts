import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";

/**
 * Runs the benchmark file at `moduleUrl` again with `--serve` (its mock-server mode, on its own core so its work
 * is billed to no client) and resolves with the child and the URL it prints on its first line.
 */
export async function startServerChild(
  moduleUrl: string,
): Promise<{ child: ChildProcessByStdio<Writable, Readable, null>; baseURL: string }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(moduleUrl), "--serve"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`mock server exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  return { child, baseURL };
}
