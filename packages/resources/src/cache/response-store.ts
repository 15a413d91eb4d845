import type { GenerateResponse } from "@weft/provider";

/** Where cached answers live. Implementations must tolerate concurrent use and a missing or corrupt entry. */
export interface ResponseStore {
  get(key: string): Promise<GenerateResponse | undefined>;
  set(key: string, response: GenerateResponse): Promise<void>;
}

/**
 * An in-memory LRU store: at most `maxEntries` answers, the least recently read or written dropped first.
 *
 * @example
 * ```ts
 * const store = new MemoryStore(500);
 * ```
 */
export class MemoryStore implements ResponseStore {
  private readonly entries = new Map<string, GenerateResponse>();

  /** @param maxEntries at least 1. Default: 1,000. */
  constructor(readonly maxEntries = 1_000) {
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be >= 1, got ${maxEntries}`);
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key`, marking it most recently used. */
  async get(key: string): Promise<GenerateResponse | undefined> {
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  /** Stores `response` under `key`, dropping the least recently used entries beyond `maxEntries`. */
  async set(key: string, response: GenerateResponse): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, response);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** A memory store in front of an optional slower one (disk): reads fall through and warm the memory. */
export class TieredStore implements ResponseStore {
  constructor(
    private readonly memory: ResponseStore,
    private readonly backing: ResponseStore | undefined,
  ) {}

  /** From memory, else from the backing store (then kept in memory). */
  async get(key: string): Promise<GenerateResponse | undefined> {
    const hot = await this.memory.get(key);
    if (hot !== undefined || !this.backing) return hot;
    const cold = await this.backing.get(key);
    if (cold !== undefined) await this.memory.set(key, cold);
    return cold;
  }

  /** Into memory and the backing store. */
  async set(key: string, response: GenerateResponse): Promise<void> {
    await this.memory.set(key, response);
    await this.backing?.set(key, response);
  }
}
