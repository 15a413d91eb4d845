#!/usr/bin/env node
// The `weft` binary: loads TypeScript pipeline files through tsx, then runs the command line.
import { systemClock } from "@weft/core";
import { register } from "tsx/esm/api";
import { runCli } from "./main.js";

register();
const interrupt = new AbortController();
process.once("SIGINT", () => interrupt.abort(new Error("interrupted")));
process.once("SIGTERM", () => interrupt.abort(new Error("terminated")));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  clock: systemClock,
  signal: interrupt.signal,
});
