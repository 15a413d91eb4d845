import type { WaitKind } from "../model/profile-model.js";

/** A time range in ms since the trace origin. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** What the outstanding calls were doing during a bubble: the wait kind covering most of it, else `other`. */
export type BubbleCause = WaitKind | "other";

/**
 * A stretch where an alias (or, for a global bubble, every alias) had no call in service while at least one call
 * to it was outstanding.
 */
export interface Bubble {
  /** Absent for a global bubble. */
  readonly alias?: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly cause: BubbleCause;
}

/** Time a call spent waiting, by kind, in ms. */
export interface WaitTotals {
  readonly queueMs: number;
  readonly rateLimitMs: number;
  readonly retryBackoffMs: number;
  readonly budgetMs: number;
}

/** Token counts (known values only) and cost (priced calls only). */
export interface TokenTotals {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Answered attempts whose cost is unknown (no price or no usage). */
  readonly unpricedCalls: number;
}

/** Figures of one endpoint alias. */
export interface AliasAnalysis extends TokenTotals {
  readonly alias: string;
  /** Slots the utilization is measured against. */
  readonly capacity: number;
  /** `configured` when the profiler or analysis was told, else `observed`: the slots the alias used. */
  readonly capacitySource: "configured" | "observed";
  /** Busy slot-time over (window × capacity); 0 when either is 0. */
  readonly utilization: number;
  /** Sum of attempt durations (slot-time in service). */
  readonly busyMs: number;
  /** Most attempts in service at once. */
  readonly peakInFlight: number;
  /** Call segments on the alias, by outcome; `cached` counts cache hits (which never reach the alias). */
  readonly calls: {
    readonly total: number;
    readonly ok: number;
    readonly failed: number;
    readonly fallback: number;
    readonly inFlight: number;
    readonly cached: number;
  };
  /** Attempts by outcome. */
  readonly attempts: {
    readonly total: number;
    readonly ok: number;
    readonly rateLimited: number;
    readonly timeout: number;
    readonly failed: number;
    readonly aborted: number;
    readonly inFlight: number;
  };
  readonly waits: WaitTotals;
  /** Mean and longest queue wait per call segment, ms. */
  readonly meanQueueWaitMs: number;
  readonly maxQueueWaitMs: number;
  /** Mean attempt duration, ms. */
  readonly meanServiceMs: number;
  /** Marks seen: 429/overloaded refusals, retries and fallbacks away from this alias. */
  readonly rateLimitEvents: number;
  readonly retries: number;
  readonly fallbacks: number;
  readonly bubbles: readonly Bubble[];
  readonly bubbleMs: number;
}

/** What the LLM calls of a critical-path node did, summed over its calls. */
export interface StepCalls {
  readonly alias: string;
  readonly attempts: number;
  readonly serviceMs: number;
  readonly waits: WaitTotals;
}

/** One node on a critical path. */
export interface CriticalStep {
  readonly nodeId: string;
  readonly kind: string;
  readonly modulePath?: string;
  readonly alias?: string;
  /** When its last dependency finished (the path's start for the first step). */
  readonly readyMs: number;
  /**
   * When the node started; for a fan-out node reached through its elements, when its last element ended (the
   * node was running, waiting for them, since it expanded: on the path, only its gather counts).
   */
  readonly startMs: number;
  readonly endMs: number;
  /** `startMs - readyMs`: scheduler wait before the node started. */
  readonly waitMs: number;
  /** `endMs - startMs`. */
  readonly durationMs: number;
  readonly status: string;
  /** For LLM nodes: where the node's time went. */
  readonly calls?: StepCalls;
}

/**
 * The chain of last-finishing dependencies that ends at the last node to finish: each step's wait plus duration
 * sum to `totalMs`, the path's wall time.
 */
export interface CriticalPath {
  readonly runId: string;
  readonly itemId?: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly totalMs: number;
  readonly steps: readonly CriticalStep[];
}

/** Whole-profile totals. */
export interface ProfileTotals extends TokenTotals {
  /** Distinct calls (a fallback counts once), cache hits included. */
  readonly calls: number;
  readonly cachedCalls: number;
  readonly failedCalls: number;
  readonly attempts: number;
  readonly serviceMs: number;
  readonly waits: WaitTotals;
}

/** Everything {@link analyzeTrace} computes. */
export interface ProfileAnalysis {
  readonly startTime?: string;
  readonly window: Interval & { readonly durationMs: number };
  readonly aliases: readonly AliasAnalysis[];
  /** Stretches where no alias had a call in service while some call was outstanding. */
  readonly bubbles: readonly Bubble[];
  /** One per run (and batch item), in start order. */
  readonly criticalPaths: readonly CriticalPath[];
  readonly totals: ProfileTotals;
}
