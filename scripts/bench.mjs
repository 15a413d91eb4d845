#!/usr/bin/env node
// `pnpm bench <name>` builds the packages the benchmarks import, then runs bench/<name>.ts with tsx against their
// built dist (bench/tsconfig.run.json has no `paths`, so @weft/* resolves as it does for a user: tsx would otherwise
// follow tsconfig.base.json's `paths` to the TypeScript sources and time its own transform of them, helpers
// included). A benchmark prints one JSON object on its last line.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.error(`usage: pnpm bench <name>   (available: ${available.join(", ") || "none"})`);
  process.exit(2);
}
// Turbo's cache makes this quick when nothing changed; its output goes to stderr, so stdout stays the benchmark's.
const build = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", "--filter=@weft/bench^...", "--output-logs=errors-only"],
  { stdio: ["ignore", process.stderr, "inherit"] },
);
if (build.status !== 0) {
  console.error(`bench ${name}: building the packages failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}
let lastLine = "";
const child = spawn("pnpm", ["exec", "tsx", "--tsconfig", "tsconfig.run.json", `${name}.ts`, ...rest], {
  cwd: "bench",
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NODE_ENV: "production" },
});
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  const lines = String(chunk).trim().split("\n");
  if (lines.length && lines.at(-1)) lastLine = lines.at(-1);
});
child.on("close", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  try {
    JSON.parse(lastLine);
  } catch {
    console.error(`bench ${name}: the last line is not one JSON object`);
    process.exit(1);
  }
});
