import type { GenerateRequest, GenerateResponse } from "@weft/provider";
import { cacheKey } from "../cache/cache-key.js";
import { DiskStore } from "../cache/disk-store.js";
import { MemoryStore, type ResponseStore, TieredStore } from "../cache/response-store.js";
import type { CacheConfig } from "../config/config-types.js";

/** The manager's response cache: keys from the alias's models, the request and the sample id. Never fails a call. */
export class ResponseCache {
  private constructor(private readonly store: ResponseStore) {}

  /** The cache `config` describes (or over `store` when given); `undefined` when caching is off. */
  static create(config: CacheConfig | undefined, store?: ResponseStore): ResponseCache | undefined {
    if (store) return new ResponseCache(store);
    if (!config) return undefined;
    const disk = config.directory === undefined ? undefined : new DiskStore(config.directory);
    return new ResponseCache(new TieredStore(new MemoryStore(config.maxEntries), disk));
  }

  keyFor(models: readonly string[], request: GenerateRequest, sampleId: string | undefined): string {
    return cacheKey({ models, request, sampleId });
  }

  /** A stored answer, or `undefined` (also when the store fails: a broken cache is a miss). */
  async get(key: string): Promise<GenerateResponse | undefined> {
    try {
      return await this.store.get(key);
    } catch {
      return undefined;
    }
  }

  /** Stores an answer; a failing store is ignored (the call already succeeded). */
  async set(key: string, response: GenerateResponse): Promise<void> {
    try {
      await this.store.set(key, response);
    } catch {
      // The answer is still returned; the next identical call just misses.
    }
  }
}
