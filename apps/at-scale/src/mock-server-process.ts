import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { mockServerCommandLine } from "@weft/cli";

/** The mock server running in a child process, so this process's memory and CPU are weft's alone. */
export interface MockServerProcess {
  /** `http://127.0.0.1:PORT/v1`. */
  readonly openaiBaseURL: string;
  stop(): Promise<void>;
}

/** Starts `weft-mock-server --port 0` with `args` and waits for the URL it prints. */
export async function startMockServerProcess(args: readonly string[]): Promise<MockServerProcess> {
  const [command, ...rest] = mockServerCommandLine();
  const child = spawn(command as string, [...rest, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
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
