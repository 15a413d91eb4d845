#!/usr/bin/env node
// `pnpm bench <name>` runs bench/<name>.ts with tsx; a benchmark prints one JSON object on its last line.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.error(`usage: pnpm bench <name>   (available: ${available.join(", ") || "none"})`);
  process.exit(2);
}
let lastLine = "";
const child = spawn("pnpm", ["exec", "tsx", `${name}.ts`, ...rest], {
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
