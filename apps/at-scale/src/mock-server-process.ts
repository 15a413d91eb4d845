import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The mock server running in a child process, so this process's memory and CPU are weft's alone. */
export interface MockServerProcess {
  /** `http://127.0.0.1:PORT/v1`. */
  readonly openaiBaseURL: string;
  stop(): Promise<void>;
}

// Run from source (tsx) or from the bundle in dist/ (`pnpm start`): the child is beside this file either way.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const CHILD = fileURLToPath(new URL(`./mock-server-child.${FROM_SOURCE ? "ts" : "js"}`, import.meta.url));

/** Starts `weft mock-server --port 0` with `args` in a child process and waits for the URL it prints. */
export async function startMockServerProcess(args: readonly string[]): Promise<MockServerProcess> {
  const child = spawn(
    process.execPath,
    [...(FROM_SOURCE ? ["--import", "tsx"] : []), CHILD, "--port", "0", ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [url] = (await once(lines, "line")) as [string];
  lines.close();
  return {
    openaiBaseURL: `${url}/v1`,
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
