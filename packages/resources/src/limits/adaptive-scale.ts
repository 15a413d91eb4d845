import type { AdaptiveOptions } from "./rate-limiter-types.js";

/** {@link AdaptiveOptions} with defaults applied. */
export type AdaptivePolicy = Required<AdaptiveOptions>;

/** The adaptive policy for `adaptive` (`false`: none) on an endpoint of `rpm`; throws on bad factors. */
export function adaptivePolicy(adaptive: boolean | AdaptiveOptions | undefined, rpm: number | undefined) {
  if (adaptive === false) return undefined;
  const given = adaptive === true || adaptive === undefined ? {} : adaptive;
  const policy: AdaptivePolicy = {
    minRpm: given.minRpm ?? Math.min(rpm ?? 6, 6),
    backoffFactor: given.backoffFactor ?? 0.5,
    recoveryFactor: given.recoveryFactor ?? 1.1,
  };
  if (!(policy.backoffFactor > 0 && policy.backoffFactor < 1)) {
    throw new RangeError(`backoffFactor must be in (0, 1), got ${policy.backoffFactor}`);
  }
  if (!(policy.recoveryFactor > 1))
    throw new RangeError(`recoveryFactor must be > 1, got ${policy.recoveryFactor}`);
  return policy;
}

/**
 * AIMD on a multiplier of the configured rates: a refusal multiplies it by `backoffFactor` once per congestion
 * episode (only refusals of requests sent after the last decrease count), and after a second without a change a
 * success multiplies it by `recoveryFactor`, up to 1, never below the floor.
 */
export class AdaptiveScale {
  /** The multiplier in force, in (0, 1]. */
  value = 1;
  private sentAtLastDecrease = 0;
  private lastChange = Number.NEGATIVE_INFINITY;

  constructor(readonly policy: AdaptivePolicy) {}

  /** The lowest multiplier: `minRpm` over the request ceiling (1% when requests are not limited). */
  floor(rpmCeiling: number | undefined): number {
    return rpmCeiling === undefined ? 0.01 : Math.min(1, this.policy.minRpm / rpmCeiling);
  }

  /** Request `seq` was refused at `now` with `sent` requests sent; returns the new multiplier, if it changed. */
  refused(seq: number, sent: number, rpmCeiling: number | undefined, now: number): number | undefined {
    if (seq <= this.sentAtLastDecrease) return undefined;
    this.sentAtLastDecrease = sent;
    this.lastChange = now; // even at the floor: no recovery right after a refusal
    const next = Math.max(this.floor(rpmCeiling), this.value * this.policy.backoffFactor);
    return next === this.value ? undefined : next;
  }

  /** A request succeeded at `now`; returns the new multiplier, if it is time to recover. */
  succeeded(now: number): number | undefined {
    if (this.value >= 1 || now - this.lastChange < 1_000) return undefined;
    return Math.min(1, this.value * this.policy.recoveryFactor);
  }

  /** Records that the rates changed at `now` (recovery waits a second after any change). */
  changed(now: number): void {
    this.lastChange = now;
  }
}
