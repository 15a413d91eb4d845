import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findPrice } from "./find-price.js";
import { BUILTIN_PRICES } from "./price-table.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SKIPPED = new Set(["node_modules", "dist", ".git", ".turbo"]);
// An OpenAI or Anthropic model id written as a string or code span: "gpt-4o-mini", `claude-sonnet-4-6`, 'o3'.
const MODEL_ID = /["'`]((?:gpt-\d|o\d|claude-)[\w.-]*)["'`]/g;

/** Every file under `dir` whose name passes `keep`. */
async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path, keep)));
    else if (keep(entry.name)) found.push(path);
  }
  return found;
}

describe("the built-in price table", () => {
  it("prices every OpenAI and Anthropic model the repository's READMEs, apps and examples name", async () => {
    const readmes = await filesUnder(ROOT, (name) => name === "README.md");
    const apps = await filesUnder(join(ROOT, "apps"), (name) => /\.(ts|mts|md|ya?ml|json)$/.test(name));
    const named = new Map<string, string>();
    for (const file of [...readmes, ...apps]) {
      for (const match of (await readFile(file, "utf8")).matchAll(MODEL_ID)) {
        named.set(match[1] as string, file.slice(ROOT.length));
      }
    }
    expect(named.has("claude-sonnet-4-6")).toBe(true);
    const unpriced = [...named]
      .filter(([id]) => findPrice(id) === undefined)
      .map(([id, file]) => `${id} (${file})`);
    expect(unpriced).toEqual([]);
  });

  it("marks every row as needing a price check against its source", () => {
    for (const row of Object.values(BUILTIN_PRICES)) expect(row.verified).toBe(false);
  });
});
