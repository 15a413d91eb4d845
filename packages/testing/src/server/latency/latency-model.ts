import { hashString, SeededRandom } from "../../random/seeded-random.js";

/** How long the mock model takes. All zero by default, so replies are as fast as the machine. */
export interface MockLatency {
  /** Milliseconds before the first token (for a JSON reply: before the body). Default: 0. */
  readonly timeToFirstTokenMs?: number;
  /** Milliseconds per output token (streams pace each chunk by its tokens). Default: 0. */
  readonly perTokenMs?: number;
  /** Relative jitter in [0, 1]: each duration is scaled by a seeded factor in [1 - j, 1 + j]. Default: 0. */
  readonly jitter?: number;
}

/** The latency applied to one request, as the request log reports it. */
export interface AppliedLatency {
  readonly timeToFirstTokenMs: number;
  readonly perTokenMs: number;
  /** Time to first token plus per-token time for every output token. */
  readonly totalMs: number;
}

/** The latency for a request with `outputTokens`, its jitter seeded by the request's identity and the seed. */
export function applyLatency(
  latency: MockLatency,
  identity: string,
  seed: number,
  outputTokens: number,
): AppliedLatency {
  const jitter = Math.min(1, Math.max(0, latency.jitter ?? 0));
  const random = new SeededRandom(hashString(`latency:${identity}`, seed));
  const scale = () => (jitter === 0 ? 1 : 1 + jitter * (2 * random.next() - 1));
  const timeToFirstTokenMs = Math.max(0, (latency.timeToFirstTokenMs ?? 0) * scale());
  const perTokenMs = Math.max(0, (latency.perTokenMs ?? 0) * scale());
  return { timeToFirstTokenMs, perTokenMs, totalMs: timeToFirstTokenMs + perTokenMs * outputTokens };
}
