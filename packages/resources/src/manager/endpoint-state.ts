import type { Clock } from "@weft/core";
import type { LanguageModel } from "@weft/provider";
import type { EndpointConfig } from "../config/config-types.js";
import { RateLimiter } from "../limits/rate-limiter.js";
import type { RateAdjustment } from "../limits/rate-limiter-types.js";
import { SlotPool } from "../limits/slot-pool.js";
import { findPrice } from "../pricing/find-price.js";
import type { ModelPrice } from "../pricing/model-price.js";

/** What a manager reports about one endpoint's live state. */
export interface EndpointStatus {
  readonly model: string;
  readonly inFlight: number;
  /** Calls waiting for a slot. */
  readonly queued: number;
  /** Calls waiting for the rate limiter. */
  readonly throttled: number;
  /** Request and token rates in force (after adaptation and header correction). */
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
}

/** One endpoint at run time: its model, price, slots and rate limiter, shared by every alias that names it. */
export class EndpointState {
  readonly slots: SlotPool;
  readonly limiter: RateLimiter;
  readonly price: ModelPrice | undefined;
  /** `provider:modelId`. */
  readonly modelName: string;

  constructor(
    readonly config: EndpointConfig,
    readonly model: LanguageModel,
    pricing: Readonly<Record<string, ModelPrice>>,
    clock: Clock,
    onAdjust: (endpoint: string, adjustment: RateAdjustment) => void,
  ) {
    this.slots = new SlotPool(config.maxConcurrent ?? Number.POSITIVE_INFINITY);
    this.limiter = new RateLimiter({
      rpm: config.rpm,
      tpm: config.tpm,
      burstSeconds: config.burstSeconds,
      adaptive: config.adaptive,
      clock,
      onAdjust: (adjustment) => onAdjust(config.id, adjustment),
    });
    this.price = config.pricing ?? findPrice(model.modelId, pricing);
    this.modelName = `${model.provider}:${model.modelId}`;
  }

  get id(): string {
    return this.config.id;
  }

  /** The most output tokens a call can produce here: `maxTokens`, else the configured or declared maximum. */
  outputBound(maxTokens: number | undefined): number | undefined {
    return maxTokens ?? this.config.maxOutputTokens ?? this.model.capabilities.maxOutputTokens;
  }

  /** Calls here now or waiting to be, divided by weight: what least-loaded balancing minimizes. */
  load(): number {
    return (this.slots.inFlight + this.slots.queued + this.limiter.queued) / this.config.weight;
  }

  status(): EndpointStatus {
    return {
      model: this.modelName,
      inFlight: this.slots.inFlight,
      queued: this.slots.queued,
      throttled: this.limiter.queued,
      rpm: this.limiter.rpm,
      tpm: this.limiter.tpm,
    };
  }
}
