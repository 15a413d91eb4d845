import type { PromptSegment } from "./chat-request.js";

/** What the prompt cache did for one request. */
export interface CacheOutcome {
  /** Input tokens served from the cache. */
  readonly readTokens: number;
  /** Input tokens written to the cache by this request (explicit breakpoints only). */
  readonly writeTokens: number;
}

/** Options of a {@link PromptCache}. */
export interface PromptCacheOptions {
  /** Prefixes shorter than this are never cached (OpenAI and Anthropic use 1,024). Default: 1024. */
  readonly minTokens?: number;
  /** Cached prefixes are counted down to a multiple of this (OpenAI: 128). Default: 1. */
  readonly granularity?: number;
}

/**
 * A prompt-prefix cache like the providers': a request whose leading segments were seen before gets
 * those tokens reported as cached. With `explicit` breakpoints (Anthropic `cache_control`) only prefixes
 * ending at a breakpoint are cached and writing them is reported; otherwise (OpenAI) every prefix is.
 */
export class PromptCache {
  private readonly seen = new Set<string>();
  private readonly minTokens: number;
  private readonly granularity: number;

  constructor(options: PromptCacheOptions = {}) {
    this.minTokens = options.minTokens ?? 1024;
    this.granularity = options.granularity ?? 1;
  }

  /** Looks the request's prefixes up, then remembers them. */
  use(segments: readonly PromptSegment[], explicit: boolean): CacheOutcome {
    let key = "";
    let tokens = 0;
    let readTokens = 0;
    let writeTokens = 0;
    for (const segment of segments) {
      key += `\u0000${segment.key}`;
      tokens += segment.tokens;
      const cacheable = (!explicit || segment.breakpoint) && tokens >= this.minTokens;
      if (!cacheable) continue;
      if (this.seen.has(key)) {
        readTokens = tokens;
        writeTokens = 0;
      } else {
        this.seen.add(key);
        if (explicit) writeTokens = tokens - readTokens;
      }
    }
    return { readTokens: readTokens - (readTokens % this.granularity), writeTokens };
  }

  /** Forgets everything. */
  clear(): void {
    this.seen.clear();
  }
}
