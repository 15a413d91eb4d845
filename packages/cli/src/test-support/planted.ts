// Test support: planted secrets, and every file of a folder read back so a test can grep them all.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ScriptedReplyRule } from "@weft/testing";

/** Every file under `dir` (recursively), by path relative to `dir`, read as latin1 (binary files included). */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, "latin1"));
  }
  return files;
}

/** `[where, secret]` for each secret that occurs in one of `texts` (by name): empty when none leaked. */
export function leaks(
  texts: ReadonlyMap<string, string>,
  secrets: readonly string[],
): readonly [string, string][] {
  const found: [string, string][] = [];
  for (const [where, text] of texts) {
    for (const secret of secrets) if (text.includes(secret)) found.push([where, secret]);
  }
  return found;
}

/**
 * A scripted 400 for the first request tagged `tag`, whose error body echoes `secrets` the way some APIs
 * quote a rejected key: whatever reports the failure must redact them.
 */
export function echoingFailure(tag: string, secrets: readonly string[]): ScriptedReplyRule {
  return {
    tag,
    count: 1,
    reply: {
      status: 400,
      body: {
        error: {
          message: `Incorrect API key provided: ${secrets.join(", ")}.`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
    },
  };
}
