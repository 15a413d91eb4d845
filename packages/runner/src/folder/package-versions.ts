import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The weft packages whose versions a run folder records when they are installed. */
export const WEFT_PACKAGES: readonly string[] = [
  "@weft/provider",
  "@weft/core",
  "@weft/tracing",
  "@weft/resources",
  "@weft/execution",
  "@weft/profiling",
  "@weft/optimization",
  "@weft/runner",
];

/**
 * Versions of the weft packages resolvable from this one, by name (`{ "@weft/core": "0.3.1", ... }`);
 * packages that are not installed are left out. Read from each package's `package.json`.
 */
export function weftPackageVersions(names: readonly string[] = WEFT_PACKAGES): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as {
        version?: unknown;
      };
      if (typeof manifest.version === "string") versions[name] = manifest.version;
    } catch {
      // Not installed next to the runner: nothing to record.
    }
  }
  return versions;
}
