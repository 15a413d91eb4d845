import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { RawEntry } from "./dataset-source.js";

/**
 * Streams a JSONL file line by line: each non-blank line is one entry, with its 1-based line number. A line
 * that is not JSON becomes an `invalid_json` entry; reading goes on. A UTF-8 byte order mark is skipped.
 */
export async function* readJsonl(path: string): AsyncGenerator<RawEntry> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 && raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
      if (text.trim() === "") continue;
      try {
        yield { line, value: JSON.parse(text) as unknown };
      } catch (error) {
        const detail = error instanceof SyntaxError ? error.message : String(error);
        yield { line, error: { reason: "invalid_json", message: `not valid JSON (${detail})`, text } };
      }
    }
  } finally {
    lines.close();
  }
}
