import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The installed `@weft/cli` version, from its package.json. */
export function cliVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(require.resolve("@weft/cli/package.json"), "utf8")) as {
    version?: string;
  };
  return manifest.version ?? "unknown";
}
