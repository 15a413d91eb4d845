import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The router must stay out of line in execution's optimized code (see its TSDoc): V8 inlines no function whose
// bytecode is longer than --max-inlined-bytecode-size. This reads both from the Node that runs the tests, with the
// router built the way the package is published: one bundle for node20 by the esbuild that tsup builds with.

const here = dirname(fileURLToPath(import.meta.url));
const esbuild = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild") as {
  buildSync(options: Record<string, unknown>): unknown;
};
const scratch = mkdtempSync(join(tmpdir(), "weft-route-event-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The default of a numeric V8 flag of this Node. */
function v8Default(flag: string): number {
  const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
  const match = new RegExp(`--${flag}=(\\d+)`).exec(options);
  if (!match) throw new Error(`this Node's V8 has no --${flag}`);
  return Number(match[1]);
}

/** The bytecode length V8 gives `routeEvent` as bundled for publishing. */
function routerBytecodeLength(): number {
  const bundle = join(scratch, "route-event.mjs");
  esbuild.buildSync({
    entryPoints: [join(here, "route-event.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "error",
    outfile: bundle,
  });
  const printed = execFileSync(
    process.execPath,
    [
      "--print-bytecode",
      "--print-bytecode-filter=routeEvent",
      "--input-type=module",
      "-e",
      `import { routeEvent } from ${JSON.stringify(bundle)}; routeEvent({ type: "none" });`,
    ],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  const match = /Bytecode length: (\d+)/.exec(printed);
  if (!match) throw new Error(`no bytecode printed for routeEvent:\n${printed.slice(0, 500)}`);
  return Number(match[1]);
}

describe("routeEvent", () => {
  it("is too long for V8 to inline into execution's emitting functions", () => {
    const limit = v8Default("max-inlined-bytecode-size");
    const length = routerBytecodeLength();
    // A margin, so that a small edit does not silently bring it under the limit.
    expect(length).toBeGreaterThan(limit + 40);
  });
});
