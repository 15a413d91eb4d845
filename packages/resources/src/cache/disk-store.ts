import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GenerateResponse } from "@weft/provider";
import type { ResponseStore } from "./response-store.js";

const KEY = /^[0-9a-f]{16,128}$/;

/**
 * An on-disk store that survives restarts: one JSON file per key under `directory/<first two hex chars>/`,
 * written to a temporary file and renamed, so a reader never sees half an entry and concurrent writers of the
 * same key do not corrupt it. An unreadable or corrupt entry is a miss.
 *
 * @example
 * ```ts
 * const store = new DiskStore(".weft/cache");
 * ```
 */
export class DiskStore implements ResponseStore {
  constructor(readonly directory: string) {}

  /** The stored answer for `key`; a missing or corrupt entry is `undefined`. */
  async get(key: string): Promise<GenerateResponse | undefined> {
    const path = this.pathOf(key);
    try {
      const entry = JSON.parse(await readFile(path, "utf8")) as { key?: string; response?: GenerateResponse };
      return entry.key === key ? entry.response : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the answer for `key` atomically (temporary file, then rename). */
  async set(key: string, response: GenerateResponse): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(this.directory, key.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify({ key, response }));
    await rename(temporary, path);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new RangeError("a cache key must be a lowercase hex digest");
    return join(this.directory, key.slice(0, 2), `${key}.json`);
  }
}
