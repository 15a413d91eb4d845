#!/usr/bin/env node
// "Install only the packages you need" must really work. For every published package this script:
//  1. packs it with `pnpm pack` (workspace: ranges become real versions, publishConfig applies);
//  2. lints the packed shape with publint (errors and warnings fail);
//  3. installs its tarball plus the tarballs of its weft dependencies into a scratch project outside the
//     workspace with plain npm, and imports it with plain Node.
// `--pack-only` stops after step 1 (the release dry run).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const packOnly = process.argv.includes("--pack-only");
const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "weft-pack-"));
const tarballDir = join(work, "tarballs");
mkdirSync(tarballDir);

const packages = readdirSync(join(root, "packages"))
  .map((dir) => ({
    dir: join(root, "packages", dir),
    manifest: readJson(join(root, "packages", dir, "package.json")),
  }))
  .filter(({ manifest }) => manifest && !manifest.private);
const byName = new Map(packages.map((p) => [p.manifest.name, p]));

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function run(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(new Error(`${command} ${args.join(" ")} (in ${cwd}):\n${output}`)),
    );
  });
}

/** The package and every weft package it depends on at run time, transitively. */
function closure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const deps = byName.get(name)?.manifest.dependencies ?? {};
  for (const dep of Object.keys(deps)) if (byName.has(dep)) closure(dep, seen);
  return seen;
}

const tarballs = new Map();
for (const { dir, manifest } of packages) {
  const out = execFileSync("pnpm", ["pack", "--pack-destination", tarballDir], {
    cwd: dir,
    encoding: "utf8",
  });
  const file = out
    .trim()
    .split("\n")
    .filter((l) => l.endsWith(".tgz"))
    .at(-1);
  tarballs.set(manifest.name, resolve(dir, file));
  console.log(`packed ${manifest.name}@${manifest.version}`);
}
if (packOnly) {
  console.log(`dry run: ${tarballs.size} tarballs in ${tarballDir}`);
  process.exit(0);
}

let failures = 0;
for (const { dir, manifest } of packages) {
  const { messages, pkg } = await publint({ pkgDir: dir, level: "warning", strict: true });
  for (const message of messages) {
    console.error(`publint ${manifest.name}: ${formatMessage(message, pkg)}`);
    failures++;
  }
}

async function installAndImport({ manifest }) {
  const scratch = join(work, manifest.name.replace("/", "__"));
  mkdirSync(scratch);
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "scratch", private: true, type: "module" }),
  );
  const needed = [...closure(manifest.name)].map((name) => tarballs.get(name));
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...needed],
    scratch,
  );
  const probe = `const m = await import(${JSON.stringify(manifest.name)}); const n = Object.keys(m).length;
if (n === 0) { console.error("no exports"); process.exit(1); } console.log(n + " exports");`;
  const output = await run("node", ["--input-type=module", "-e", probe], scratch);
  console.log(`installed alone and imported ${manifest.name}: ${output.trim()}`);
}

const queue = [...packages];
const workers = Array.from({ length: 3 }, async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    try {
      await installAndImport(next);
    } catch (error) {
      failures++;
      console.error(`install check failed for ${next.manifest.name}: ${error.message}`);
    }
  }
});
await Promise.all(workers);
rmSync(work, { recursive: true, force: true });
if (failures > 0) {
  console.error(`check-packages: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`check-packages: ${packages.length} packages packed, linted, installed alone and imported`);
