import type { EventBus } from "@weft/core";
import type { ResourceEvent } from "../events/resource-events.js";
import { type Percentiles, SampleWindow } from "./sample-window.js";

/** Counters of one alias, one endpoint, or everything. */
export interface GroupMetrics {
  /** Calls that ended here (answered or failed for good); per endpoint: attempts that ended. */
  readonly calls: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cacheHits: number;
  /** Attempts sent to a provider. */
  readonly attempts: number;
  readonly retries: number;
  /** Attempts the server refused for load (429, 529). */
  readonly rateLimited: number;
  readonly fallbacks: number;
  /** Failed attempts by error kind (`ProviderError.kind`, else the error code). */
  readonly errors: Readonly<Record<string, number>>;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly reasoningTokens: number;
  /** Known cost; calls with an unknown cost are counted in `unpricedCalls` instead. */
  readonly costUsd: number;
  readonly unpricedCalls: number;
  /** Provider time of answered attempts, in ms (over the most recent 2,048). */
  readonly latencyMs: Percentiles;
  /**
   * Per attempt, in ms (over the most recent 2,048): from queueing for a slot to being sent (the rate-limit wait
   * after the slot included); 0 for an attempt that found a slot free.
   */
  readonly queueWaitMs: Percentiles;
  readonly inFlight: number;
}

/** Metrics per alias, per endpoint and in total. */
export interface MetricsSnapshot {
  readonly aliases: Readonly<Record<string, GroupMetrics>>;
  readonly endpoints: Readonly<Record<string, GroupMetrics>>;
  readonly total: GroupMetrics;
}

class Group {
  calls = 0;
  succeeded = 0;
  failed = 0;
  cacheHits = 0;
  attempts = 0;
  retries = 0;
  rateLimited = 0;
  fallbacks = 0;
  errors: Record<string, number> = {};
  inputTokens = 0;
  outputTokens = 0;
  cachedInputTokens = 0;
  reasoningTokens = 0;
  costUsd = 0;
  unpricedCalls = 0;
  inFlight = 0;
  readonly latency = new SampleWindow();
  readonly queueWait = new SampleWindow();

  snapshot(): GroupMetrics {
    const { latency, queueWait, errors, ...counters } = this;
    return {
      ...counters,
      errors: { ...errors },
      latencyMs: latency.percentiles(),
      queueWaitMs: queueWait.percentiles(),
    };
  }
}

/**
 * Aggregates a manager's events into per-alias, per-endpoint and total metrics: calls, errors by kind, retries,
 * 429s, tokens, cost, latency and queue-wait percentiles, in-flight counts. A subscriber like any other.
 *
 * @example
 * ```ts
 * const metrics = new ResourceMetrics(manager.events);
 * console.log(metrics.snapshot().aliases.fast?.latencyMs.p90);
 * ```
 */
export class ResourceMetrics {
  private aliases = new Map<string, Group>();
  private endpoints = new Map<string, Group>();
  private total = new Group();
  private readonly pendingQueueWait = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(events: EventBus<ResourceEvent>) {
    this.unsubscribe = events.onAny((event) => this.record(event));
  }

  /** The counters now, per alias, per endpoint and in total. */
  snapshot(): MetricsSnapshot {
    const map = (groups: Map<string, Group>) =>
      Object.fromEntries([...groups].map(([name, group]) => [name, group.snapshot()]));
    return { aliases: map(this.aliases), endpoints: map(this.endpoints), total: this.total.snapshot() };
  }

  /** Starts counting from zero (in-flight counts included). */
  reset(): void {
    this.aliases = new Map();
    this.endpoints = new Map();
    this.total = new Group();
  }

  /** Stops listening. */
  dispose(): void {
    this.unsubscribe();
  }

  private groups(alias: string, endpoint: string | undefined): Group[] {
    const groups = [this.total, getOrAdd(this.aliases, alias)];
    if (endpoint !== undefined) groups.push(getOrAdd(this.endpoints, endpoint));
    return groups;
  }

  private record(event: ResourceEvent): void {
    switch (event.type) {
      case "call.queued":
        this.pendingQueueWait.set(`${event.callId}/${event.attempt}`, event.time);
        return;
      case "call.started": {
        const key = `${event.callId}/${event.attempt}`;
        const queuedAt = this.pendingQueueWait.get(key);
        this.pendingQueueWait.delete(key);
        for (const g of this.groups(event.alias, event.endpoint)) {
          g.attempts++;
          g.inFlight++;
          g.queueWait.add(queuedAt === undefined ? 0 : event.time - queuedAt);
        }
        return;
      }
      case "call.attempt_failed":
        for (const g of this.groups(event.alias, event.endpoint)) {
          g.inFlight = Math.max(0, g.inFlight - 1);
          const kind = event.errorKind ?? event.errorCode ?? "unknown";
          g.errors[kind] = (g.errors[kind] ?? 0) + 1;
        }
        getOrAdd(this.endpoints, event.endpoint).calls++;
        getOrAdd(this.endpoints, event.endpoint).failed++;
        return;
      case "call.rate_limited":
        for (const g of this.groups(event.alias, event.endpoint)) g.rateLimited++;
        return;
      case "call.retry":
        for (const g of this.groups(event.alias, event.endpoint)) g.retries++;
        return;
      case "call.fallback":
        for (const g of this.groups(event.alias, undefined)) g.fallbacks++;
        return;
      case "call.finished":
        this.finished(event);
        return;
      case "call.failed":
        // A call aborted while queued never starts: forget its queue entries.
        for (const key of this.pendingQueueWait.keys())
          if (key.startsWith(`${event.callId}/`)) this.pendingQueueWait.delete(key);
        for (const g of this.groups(event.alias, undefined)) {
          g.calls++;
          g.failed++;
        }
        return;
      default:
        return;
    }
  }

  private finished(event: Extract<ResourceEvent, { type: "call.finished" }>): void {
    const groups = this.groups(event.alias, event.endpoint);
    for (const g of groups) {
      g.calls++;
      g.succeeded++;
      if (event.cached) {
        g.cacheHits++;
        continue;
      }
      g.inFlight = Math.max(0, g.inFlight - 1);
      g.inputTokens += event.usage.inputTokens ?? 0;
      g.outputTokens += event.usage.outputTokens ?? 0;
      g.cachedInputTokens += event.usage.cachedInputTokens ?? 0;
      g.reasoningTokens += event.usage.reasoningTokens ?? 0;
      if (event.costUsd === undefined) g.unpricedCalls++;
      else g.costUsd += event.costUsd;
      g.latency.add(event.timings.serviceMs);
    }
  }
}

function getOrAdd(map: Map<string, Group>, key: string): Group {
  let group = map.get(key);
  if (!group) {
    group = new Group();
    map.set(key, group);
  }
  return group;
}
