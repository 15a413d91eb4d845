import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/** Tier of each published package; a package may import only packages of a lower tier. */
export const TIERS: Readonly<Record<string, number>> = {
  provider: 0,
  core: 1,
  tracing: 2,
  resources: 2,
  execution: 3,
  profiling: 4,
  optimization: 4,
  runner: 5,
  cli: 6,
};

/** Packages outside the tier ladder, with the exact set of weft packages each may import. */
export const SIDE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  openai: ["provider"],
  anthropic: ["provider"],
  testing: ["provider", "core"],
};

/**
 * The CLI is the top of the ladder and the place that fills the provider registry, so it may also use the
 * provider packages and the test kit (`weft mock-server`).
 */
const CLI_EXTRAS: ReadonlySet<string> = new Set(["openai", "anthropic", "testing"]);

/** Whether package `from` may import package `to` from its source files. */
export function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === "cli" && CLI_EXTRAS.has(to)) return true;
  const side = SIDE_PACKAGES[from];
  if (side) return side.includes(to);
  const fromTier = TIERS[from];
  const toTier = TIERS[to];
  if (fromTier === undefined || toTier === undefined) return false;
  return toTier < fromTier;
}

const PROVIDER_PACKAGES: ReadonlySet<string> = new Set(["openai", "anthropic"]);

/**
 * Test files may also use `testing` (a devDependency of every package above core), and runtime packages
 * (tier 2 and up) may test against the real provider packages over HTTP. Neither can form a cycle.
 */
export function mayImportFromTest(from: string, to: string): boolean {
  if (mayImport(from, to)) return true;
  if (to === "testing") return from !== "provider" && from !== "core";
  const tier = TIERS[from];
  return PROVIDER_PACKAGES.has(to) && tier !== undefined && tier >= 2;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly from: string;
  readonly to: string;
}

const SPECIFIER =
  /(?:^|[^\w$.])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[^\w$.])import\s*\(?\s*["']([^"']+)["']/g;

/** Every module specifier in a source text, with its 1-based line. */
export function importSpecifiers(source: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (!specifier) continue;
    const line = source.slice(0, match.index).split("\n").length + (match[0].startsWith("\n") ? 1 : 0);
    found.push({ specifier, line });
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === "node_modules" || entry === "dist") continue;
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry)) files.push(path);
  }
  return files;
}

/** The package a specifier points at: `@weft/x` by name, or a relative path that lands in packages/x. */
function targetPackage(specifier: string, file: string, packagesDir: string): string | undefined {
  const named = /^@weft\/([a-z0-9-]+)/.exec(specifier);
  if (named) return named[1];
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(packagesDir, resolve(file, "..", specifier));
  if (target.startsWith("..")) return undefined;
  return target.split(sep)[0];
}

/** Scans `packages/<name>/src` of every package and lists imports that break the layering. */
export function findViolations(packagesDir: string): Violation[] {
  const violations: Violation[] = [];
  for (const from of readdirSync(packagesDir)) {
    const src = join(packagesDir, from, "src");
    let files: string[];
    try {
      files = sourceFiles(src);
    } catch {
      continue;
    }
    for (const file of files) {
      const isTest = /\.test(-d)?\.tsx?$/.test(file) || file.includes(`${sep}test-support${sep}`);
      for (const { specifier, line } of importSpecifiers(readFileSync(file, "utf8"))) {
        const to = targetPackage(specifier, file, packagesDir);
        if (to === undefined || to === "bench") continue;
        const allowed = isTest ? mayImportFromTest(from, to) : mayImport(from, to);
        if (!allowed) violations.push({ file: relative(packagesDir, file), line, specifier, from, to });
      }
    }
  }
  return violations;
}
