// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
// Test support for `weft run`: a resource config file pointing at the mock server, and a small dataset.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MockServer } from "@weft/testing";

/** The CLI fixtures folder. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** The one-call summarize pipeline of the fixtures. */
export const SUMMARIZE = join(FIXTURES, "summarize.pipeline.ts");

/** A fresh temporary directory. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "weft-cli-"));
}

/**
 * Writes `resources.yaml` in `dir`: alias `alias` (default `fast`) is gpt-4o-mini on the mock server, its key
 * read from `WEFT_TEST_KEY`, its requests tagged `tag` in the server's log.
 */
export async function mockConfig(
  dir: string,
  server: MockServer,
  options: { readonly tag?: string; readonly alias?: string; readonly name?: string } = {},
): Promise<string> {
  const path = join(dir, options.name ?? "resources.yaml");
  await writeFile(
    path,
    [
      "aliases:",
      `  ${options.alias ?? "fast"}:`,
      "    model:",
      "      provider: openai",
      "      model: gpt-4o-mini",
      '      apiKey: "${WEFT_TEST_KEY}"',
      `      baseURL: "${server.openaiBaseURL}"`,
      `      options: { headers: { x-weft-mock-tag: "${options.tag ?? "test"}" } }`,
      "",
    ].join("\n"),
  );
  return path;
}

/** Writes `items.jsonl` in `dir` with `{ id, text }` entries `s1` ... `s<n>`, and returns its path. */
export async function storiesFile(dir: string, n: number, name = "items.jsonl"): Promise<string> {
  const path = join(dir, name);
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `s${i + 1}`, text: `Story ${i + 1}.` }),
  );
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

/** The environment a run needs: the mock key. */
export const TEST_ENV: Readonly<Record<string, string>> = { WEFT_TEST_KEY: "sk-test-not-secret" };
