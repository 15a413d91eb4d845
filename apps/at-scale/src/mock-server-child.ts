// The child process of mock-server-process.ts: `weft mock-server` in-process, stopped by SIGTERM or SIGINT.
import { runCli } from "@weft/cli";
import { systemClock } from "@weft/core";

const stop = new AbortController();
process.once("SIGTERM", () => stop.abort());
process.once("SIGINT", () => stop.abort());
process.exitCode = await runCli(["mock-server", ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  clock: systemClock,
  signal: stop.signal,
});
