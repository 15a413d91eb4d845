import type { AttemptSpan, CallSpan, Mark, ProfileModel } from "../model/profile-model.js";
import { analyzeAlias } from "./alias-analysis.js";
import type { ProfileAnalysis } from "./analysis-types.js";
import { criticalPaths } from "./critical-path.js";
import { findBubbles } from "./find-bubbles.js";
import { readTrace } from "./read-trace.js";
import { tokenTotals } from "./token-totals.js";
import { waitTotals } from "./wait-totals.js";

/** Options of {@link analyzeTrace}. */
export interface AnalyzeOptions {
  /** Only gaps longer than this (ms) count as bubbles. Default: 0 (every gap of positive length). */
  readonly minBubbleMs?: number;
  /** Capacity per alias, overriding the one recorded in the trace. Default: the trace's, else observed slots. */
  readonly capacity?: Readonly<Record<string, number>>;
}

/**
 * Analyses a trace (an object as `Profiler.toJSON()` returns or a parsed trace file): per-alias utilization,
 * bubbles, queue wait versus service time, tokens and cost, global bubbles and the critical path of each run.
 * Throws a `ProfilingError` `invalid_trace` when the trace cannot be read.
 */
export function analyzeTrace(trace: unknown, options: AnalyzeOptions = {}): ProfileAnalysis {
  return analyzeModel(readTrace(trace), options);
}

/** {@link analyzeTrace} on an already read model. */
export function analyzeModel(model: ProfileModel, options: AnalyzeOptions = {}): ProfileAnalysis {
  const minBubbleMs = options.minBubbleMs ?? 0;
  const windowMs = model.window.endMs - model.window.startMs;
  const byAlias = new Map<string, { attempts: AttemptSpan[]; calls: CallSpan[]; marks: Mark[] }>();
  const entry = (alias: string) => {
    let found = byAlias.get(alias);
    if (!found) {
      found = { attempts: [], calls: [], marks: [] };
      byAlias.set(alias, found);
    }
    return found;
  };
  for (const call of [...model.calls].sort((a, b) => a.startMs - b.startMs))
    entry(call.alias).calls.push(call);
  for (const attempt of model.attempts) entry(attempt.alias).attempts.push(attempt);
  for (const mark of model.marks)
    if (mark.alias !== undefined && mark.runId === undefined) entry(mark.alias).marks.push(mark);
  const aliases = [...byAlias].map(([alias, spans]) =>
    analyzeAlias({
      alias,
      ...spans,
      capacity: options.capacity?.[alias] ?? model.capacity[alias],
      windowMs,
      minBubbleMs,
    }),
  );
  const callIds = new Set(model.calls.map((call) => call.callId));
  const cachedCalls = model.marks.filter((mark) => mark.category === "cache").length;
  const finalOutcomes = new Map<string, string>();
  for (const call of model.calls) finalOutcomes.set(call.callId, call.outcome);
  return {
    ...(model.startTime === undefined ? {} : { startTime: model.startTime }),
    window: { ...model.window, durationMs: windowMs },
    aliases,
    bubbles: findBubbles(model.calls, model.attempts, undefined, minBubbleMs),
    criticalPaths: criticalPaths(model),
    totals: {
      calls: callIds.size + cachedCalls,
      cachedCalls,
      failedCalls: [...finalOutcomes.values()].filter((outcome) => outcome === "failed").length,
      attempts: model.attempts.length,
      serviceMs: model.attempts.reduce((sum, attempt) => sum + (attempt.endMs - attempt.startMs), 0),
      waits: waitTotals(model.calls),
      ...tokenTotals(model.attempts),
    },
  };
}
