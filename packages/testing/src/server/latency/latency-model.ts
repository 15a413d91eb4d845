import { hashString, SeededRandom } from "../../random/seeded-random.js";

/** How long the mock model takes. All zero by default, so replies are as fast as the machine. */
export interface MockLatency {
  /** Milliseconds before the first token (for a JSON reply: before the body). Default: 0. */
  readonly timeToFirstTokenMs?: number;
  /** Milliseconds per output token (streams pace each chunk by its tokens). Default: 0. */
  readonly perTokenMs?: number;
  /** Relative jitter in [0, 1]: each duration is scaled by a seeded factor in [1 - j, 1 + j]. Default: 0. */
  readonly jitter?: number;
  /**
   * Lognormal spread, as real model latencies have (a long right tail): each request's durations are scaled by
   * one seeded factor `exp(sigma * z)`, z standard normal, so the configured values are the medians. Replaces
   * `jitter` when set above 0. Default: 0 (off).
   */
  readonly lognormalSigma?: number;
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
  const sigma = Math.max(0, latency.lognormalSigma ?? 0);
  const random = new SeededRandom(hashString(`latency:${identity}`, seed));
  const lognormal = sigma > 0 ? Math.exp(sigma * standardNormal(random)) : 1;
  const scale = () => (sigma > 0 ? lognormal : jitter === 0 ? 1 : 1 + jitter * (2 * random.next() - 1));
  const timeToFirstTokenMs = Math.max(0, (latency.timeToFirstTokenMs ?? 0) * scale());
  const perTokenMs = Math.max(0, (latency.perTokenMs ?? 0) * scale());
  return { timeToFirstTokenMs, perTokenMs, totalMs: timeToFirstTokenMs + perTokenMs * outputTokens };
}

/** A standard normal draw (Box-Muller) from two uniform draws. */
function standardNormal(random: SeededRandom): number {
  const u1 = 1 - random.next(); // in (0, 1]: the logarithm stays finite
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
