import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findViolations, importSpecifiers, mayImport, SIDE_PACKAGES, TIERS } from "./layering.js";

const packagesDir = new URL("../packages", import.meta.url).pathname;

function fakeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "weft-layering-"));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe("layering", () => {
  it("every package in packages/ has a place in the layering", () => {
    for (const name of readdirSync(packagesDir)) {
      expect(
        name in TIERS || name in SIDE_PACKAGES,
        `packages/${name} is missing from scripts/layering.ts`,
      ).toBe(true);
    }
  });

  it("no source file in the repository imports a package above its own tier", () => {
    expect(findViolations(packagesDir)).toEqual([]);
  });

  it("flags a lower package importing a higher one, by name and by relative path", () => {
    const root = fakeRepo({
      "core/src/a.ts": 'import { Tracer } from "@weft/tracing";\n',
      "core/src/b.ts": '\n\nexport { run } from "../../execution/src/run.js";\n',
      "tracing/src/c.ts": 'import type { Value } from "@weft/core";\nimport { x } from "@weft/resources";\n',
      "openai/src/d.ts": 'const m = await import("@weft/core");\n',
      "core/src/ok.ts": 'import { WeftError } from "@weft/provider";\nimport { y } from "./y.js";\n',
    });
    const found = findViolations(root).map((v) => `${v.file}:${v.line} ${v.from}->${v.to}`);
    expect(found.sort()).toEqual([
      "core/src/a.ts:1 core->tracing",
      "core/src/b.ts:3 core->execution",
      "openai/src/d.ts:1 openai->core",
      "tracing/src/c.ts:2 tracing->resources",
    ]);
  });

  it("reads static, type-only, re-export and dynamic specifiers", () => {
    const text = [
      'import a from "a";',
      'import type { B } from "b";',
      'export * from "c";',
      'import "d";',
      'const e = await import("e");',
    ].join("\n");
    expect(importSpecifiers(text).map((s) => s.specifier)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("encodes the tier rules of the guide", () => {
    expect(mayImport("execution", "tracing")).toBe(true);
    expect(mayImport("tracing", "resources")).toBe(false);
    expect(mayImport("profiling", "optimization")).toBe(false);
    expect(mayImport("testing", "core")).toBe(true);
    expect(mayImport("testing", "openai")).toBe(false);
    expect(mayImport("core", "testing")).toBe(false);
    expect(mayImport("cli", "openai")).toBe(true);
    expect(mayImport("runner", "openai")).toBe(false);
  });
});
