import type { ResourceEvent, ResourceManager } from "@weft/resources";

/** What the rate limiter did over a run, collected from the manager's events. */
export interface LimiterFigures {
  /** Calls that waited a millisecond or more for the limiter, and the total and longest wait. */
  throttled: number;
  throttledMs: number;
  longestWaitMs: number;
  /** 429 (or 529) answers from the server. */
  rateLimited: number;
  /** Rate changes: from the server's headers, after a 429, on recovery. */
  adjustments: Record<string, number>;
}

/** Subscribes to `manager.events` and keeps the limiter's figures up to date. */
export function watchLimiter(manager: ResourceManager): LimiterFigures {
  const figures: LimiterFigures = {
    throttled: 0,
    throttledMs: 0,
    longestWaitMs: 0,
    rateLimited: 0,
    adjustments: {},
  };
  manager.events.onAny((event: ResourceEvent) => {
    if (event.type === "call.throttled") {
      if (event.waitedMs >= 1) figures.throttled++;
      figures.throttledMs += event.waitedMs;
      figures.longestWaitMs = Math.max(figures.longestWaitMs, event.waitedMs);
    } else if (event.type === "call.rate_limited") {
      figures.rateLimited++;
    } else if (event.type === "limiter.adjusted") {
      figures.adjustments[event.reason] = (figures.adjustments[event.reason] ?? 0) + 1;
    }
  });
  return figures;
}
