import { DeliveryMeter } from "./delivery-meter.js";
import type { AdaptiveOptions } from "./rate-limiter-types.js";

/** After a refusal, recovery stops at the rate the server was delivering for this long before probing above. */
const PLATEAU_MS = 10_000;
/** A decrease to the delivered rate aims this far below it. */
const BELOW_DELIVERED = 0.95;

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
 * AIMD on a multiplier of the configured rates. A refusal starts a congestion episode (refusals of requests sent
 * before the last decrease belong to the previous one): the multiplier drops to 95% of the rate the server was
 * seen to accept over the last two seconds when that is below ours, else by `backoffFactor` (also while the
 * accepted rate is not yet known). After a second without a change, each success multiplies it by `recoveryFactor`, up to 1, but
 * for ten seconds after a refusal no higher than the accepted rate measured then. Never below the floor.
 */
export class AdaptiveScale {
  /** The multiplier in force, in (0, 1]. */
  value = 1;
  private sentAtLastDecrease = 0;
  private lastChange = Number.NEGATIVE_INFINITY;
  private lastRefusal = Number.NEGATIVE_INFINITY;
  private plateau = 1;
  private readonly meter = new DeliveryMeter();

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
    this.lastRefusal = now;
    const delivered = this.meter.perMinute(now);
    const measured = delivered === undefined || rpmCeiling === undefined ? undefined : delivered / rpmCeiling;
    this.plateau = measured === undefined ? this.value : Math.min(1, measured);
    // Under the accepted rate when that is below ours; otherwise (not measured yet, or everything we sent got
    // through until now) the multiplicative decrease.
    const fromDelivered = measured === undefined ? undefined : measured * BELOW_DELIVERED;
    const target =
      fromDelivered !== undefined && fromDelivered < this.value
        ? fromDelivered
        : this.value * this.policy.backoffFactor;
    const next = Math.max(this.floor(rpmCeiling), Math.min(this.value, target));
    return next === this.value ? undefined : next;
  }

  /** A request was accepted at `now`; returns the new multiplier, if it is time to recover. */
  succeeded(now: number): number | undefined {
    this.meter.record(now);
    if (this.value >= 1 || now - this.lastChange < 1_000) return undefined;
    const ceiling = now - this.lastRefusal < PLATEAU_MS ? Math.max(this.plateau, this.value) : 1;
    const next = Math.min(ceiling, this.value * this.policy.recoveryFactor);
    return next === this.value ? undefined : next;
  }

  /** Records that the rates changed at `now` (recovery waits a second after any change). */
  changed(now: number): void {
    this.lastChange = now;
  }
}
