import { type EventBus, OptimizationError, type Parameter, systemClock } from "@weft/core";
import type { ExecutionSettings, ForwardRecord, Runtime } from "@weft/execution";
import { currentSettings, resolveSettings } from "@weft/execution";
import type { ResourceConfigInput, ResourceManager } from "@weft/resources";
import { setDefaultSink, withSink } from "../backward/active-sink.js";
import type { FeedbackSink } from "../backward/backward-types.js";
import type { Propagation } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import {
  type Aggregate,
  type BoundedFeedback,
  boundFeedback,
  type FeedbackBudget,
} from "../feedback/bound-feedback.js";
import { openRuntime } from "../llm/model-runtime.js";
import { alwaysCommit, type CommitDecision, type CommitPolicy } from "./commit-policy.js";
import { parameterOrder } from "./parameter-graph.js";
import type { HistoryEntry, KeptParameter, ParameterUpdate, StepResult } from "./step-result.js";

/** Options every optimizer takes: execution settings for its model calls, plus ordering and feedback bounds. */
export interface OptimizerOptions extends Omit<ExecutionSettings, "events"> {
  /** The propagation `backward()` uses while this optimizer is active. Default: `routing()`. */
  readonly propagation?: Propagation;
  /** Bounds on the feedback of one parameter in one prompt. Default: see `FeedbackBudget`. */
  readonly feedbackBudget?: FeedbackBudget;
  /**
   * Update level by level in the topological order of the captured graphs, showing each updater the changes
   * already made upstream in this step. `false` updates every parameter at once from its own feedback, unaware
   * of the others (TextGrad's step, kept for comparison). Default: true.
   */
  readonly ordered?: boolean;
  /**
   * Also revise a parameter that got no feedback when a parameter upstream of it changed in this step, so the
   * two stay consistent (only when `ordered`). Default: true.
   */
  readonly consistencyUpdates?: boolean;
  /** Where step events go. Default: none. */
  readonly events?: EventBus<OptimizationEvent>;
}

/** Options of `step()`. */
export interface StepOptions {
  /** Decides whether the step stays. Default: `alwaysCommit()`. */
  readonly commit?: CommitPolicy;
  readonly signal?: AbortSignal;
}

/** A change made upstream earlier in the same step, shown to downstream updaters. */
export interface UpstreamChange {
  readonly key: string;
  readonly description: string | null;
  readonly previous: unknown;
  readonly next: unknown;
}

/** What a subclass is asked for one parameter. */
export interface UpdateRequest {
  readonly parameter: Parameter;
  readonly key: string;
  readonly step: number;
  /** Feedback items after bounding; empty for a consistency update. */
  readonly feedback: BoundedFeedback;
  /** Upstream parameters already changed in this step (empty when not `ordered`). */
  readonly upstream: readonly UpstreamChange[];
  readonly runtime: Runtime;
  readonly signal: AbortSignal | undefined;
}

/** A subclass's answer: a new value, or the reason the old one is kept. */
export type UpdateOutcome =
  | { readonly value: unknown }
  | { readonly kept: "parse_failed" | "unchanged"; readonly reply?: string };

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A parameter's value as text for a prompt: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** A model's text as a new value of a parameter whose current value is `current` (JSON for non-strings). */
export function valueFromText(current: unknown, text: string): { readonly value: unknown } | undefined {
  if (typeof current === "string") return { value: text };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The base of weft's optimizers (plait-spec 9.7): owns the parameters and their keys (hierarchical names;
 * a duplicate name gets `name:<id>`), the captured records, the step count and every parameter's history,
 * and runs a step: order the parameters by the captured graphs, update level by level (in parallel within a
 * level) from bounded feedback, apply after each level, let the commit policy decide, revert on refusal or
 * error. Subclasses write one parameter's update (`proposeUpdate`).
 *
 * Constructing, binding or zeroing an optimizer makes it the default one `backward()` reports to;
 * `activate(fn)` scopes it instead.
 */
export abstract class Optimizer implements FeedbackSink {
  readonly parameters: readonly Parameter[];
  readonly propagation: Propagation | undefined;
  readonly history: HistoryEntry[] = [];
  protected settings: Omit<ExecutionSettings, "events">;
  protected readonly feedbackBudget: FeedbackBudget;
  protected readonly ordered: boolean;
  protected readonly consistencyUpdates: boolean;
  protected readonly events: EventBus<OptimizationEvent> | undefined;
  readonly #keys = new Map<Parameter, string>();
  #records: ForwardRecord[] = [];
  #steps = 0;

  constructor(parameters: Iterable<Parameter>, options: OptimizerOptions = {}) {
    const { propagation, feedbackBudget, ordered, consistencyUpdates, events, ...settings } = options;
    this.parameters = [...new Set(parameters)];
    this.propagation = propagation;
    this.feedbackBudget = feedbackBudget ?? {};
    this.ordered = ordered ?? true;
    this.consistencyUpdates = consistencyUpdates ?? true;
    this.events = events;
    this.settings = settings;
    const used = new Set<string>();
    for (const parameter of this.parameters) {
      const name = parameter.hierarchicalName ?? parameter.id;
      const key = used.has(name) ? `${name}:${parameter.id}` : name;
      used.add(key);
      this.#keys.set(parameter, key);
    }
    setDefaultSink(this);
  }

  /** The key of a parameter in prompts, updates and history. */
  keyOf(parameter: Parameter): string {
    return this.#keys.get(parameter) ?? parameter.hierarchicalName ?? parameter.id;
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.#steps;
  }

  /** Records captured since the last `zeroFeedback()`. */
  get records(): readonly ForwardRecord[] {
    return this.#records;
  }

  /** Sets the resources (and other settings) of its model calls; makes it the default optimizer. */
  bind(
    resources: ResourceManager | ResourceConfigInput,
    settings: Omit<ExecutionSettings, "events"> = {},
  ): this {
    this.settings = { ...this.settings, ...settings, resources };
    setDefaultSink(this);
    return this;
  }

  /** Clears every parameter's feedback and the captured records; makes it the default optimizer. */
  zeroFeedback(): void {
    for (const parameter of this.parameters) parameter.zeroFeedback();
    this.#records = [];
    setDefaultSink(this);
  }

  /** Keeps a record of a backward pass (called by `backward()`). */
  captureRecord(record: ForwardRecord): void {
    if (!this.#records.includes(record)) this.#records.push(record);
  }

  /** Runs `fn` with this optimizer as the one `backward()` reports to (also across `await`s). */
  activate<T>(fn: () => T): T {
    return withSink(this, fn);
  }

  /** The history of one parameter (by key), oldest first. */
  historyOf(key: string): HistoryEntry[] {
    return this.history.filter((entry) => entry.key === key);
  }

  /**
   * Proposes new values from the accumulated feedback, applies them level by level, and lets `options.commit`
   * decide (reverting when it refuses). Throws OptimizationError when no resources are set or no records were
   * captured; on any error the parameters are restored before it propagates.
   */
  async step(options: StepOptions = {}): Promise<StepResult> {
    const settings = resolveSettings(currentSettings(), this.settings);
    if (settings.resources === undefined) {
      throw new OptimizationError(
        "Optimizer not bound: pass { resources } or call optimizer.bind(resources)",
      );
    }
    if (this.#records.length === 0) {
      throw new OptimizationError(
        "No forward records captured. Run the module in training mode (module.train(), recordRun), compute the " +
          "loss, call backward() with this optimizer active, then step()",
      );
    }
    const step = this.#steps + 1;
    const order = parameterOrder(this.parameters, this.#records);
    const levels = this.ordered ? order.levels : [order.levels.flat()];
    const clock = settings.clock ?? systemClock;
    const withFeedback = this.parameters.filter(
      (p) => p.requiresGrad && p.getAccumulatedFeedback().length > 0,
    );
    this.events?.emit({
      type: "optimizer.step.started",
      time: clock.now(),
      step,
      withFeedback: withFeedback.map((p) => this.keyOf(p)),
      levels: levels.map((level) => level.map((p) => this.keyOf(p))),
    });
    const policy = options.commit ?? alwaysCommit();
    const snapshot = new Map(this.parameters.map((p) => [p, p.value]));
    const changed = new Set<Parameter>();
    const restore = () => {
      for (const parameter of changed) parameter.applyUpdate(snapshot.get(parameter));
    };
    const updates = new Map<string, ParameterUpdate>();
    const kept: KeptParameter[] = [];
    let decision: CommitDecision;
    const runtime = openRuntime(this.settings, this.constructor.name);
    try {
      await policy.prepare?.();
      for (const [level, members] of levels.entries()) {
        const jobs = members.flatMap((parameter) => {
          if (!parameter.requiresGrad) return [];
          const items = parameter.getAccumulatedFeedback();
          const upstream = this.ordered
            ? [...(order.upstream.get(parameter) ?? [])].filter((u) => changed.has(u))
            : [];
          if (items.length === 0 && !(this.consistencyUpdates && upstream.length > 0)) return [];
          return [{ parameter, items, upstream }];
        });
        const results = await Promise.all(
          jobs.map(async ({ parameter, items, upstream }) => {
            const feedback = await boundFeedback(
              items,
              this.feedbackBudget,
              this.aggregatorFor(parameter, runtime, options.signal),
            );
            const outcome = await this.proposeUpdate({
              parameter,
              key: this.keyOf(parameter),
              step,
              feedback,
              upstream: upstream.map((u) => ({
                key: this.keyOf(u),
                description: u.description,
                previous: snapshot.get(u),
                next: u.value,
              })),
              runtime,
              signal: options.signal,
            });
            return { parameter, feedback, outcome, consistency: items.length === 0 };
          }),
        );
        for (const { parameter, feedback, outcome, consistency } of results) {
          const key = this.keyOf(parameter);
          if ("value" in outcome && !same(outcome.value, parameter.value)) {
            const previous = parameter.value;
            parameter.applyUpdate(outcome.value);
            changed.add(parameter);
            updates.set(key, {
              key,
              previous,
              next: outcome.value,
              feedback: feedback.items,
              consistency,
              level,
            });
            this.events?.emit({
              type: "optimizer.parameter.updated",
              time: clock.now(),
              step,
              parameter: key,
              level,
              previous,
              next: outcome.value,
              feedbackItems: feedback.items.length,
              consistency,
            });
          } else {
            parameter.zeroFeedback();
            const reason = "kept" in outcome ? outcome.kept : "unchanged";
            const reply = "kept" in outcome ? outcome.reply : undefined;
            kept.push({ key, reason, ...(reply === undefined ? {} : { reply }) });
            this.events?.emit({
              type: "optimizer.parameter.kept",
              time: clock.now(),
              step,
              parameter: key,
              reason,
              ...(reply === undefined ? {} : { reply }),
            });
          }
        }
      }
      decision = await policy.decide(updates);
    } catch (error) {
      restore();
      throw error;
    } finally {
      runtime.close();
    }
    if (!decision.commit) restore();
    for (const update of updates.values()) {
      this.history.push({
        step,
        key: update.key,
        value: update.previous,
        feedback: update.feedback,
        next: update.next,
        committed: decision.commit,
        ...(decision.score === undefined ? {} : { score: decision.score }),
      });
    }
    this.#steps = step;
    this.events?.emit({
      type: "optimizer.step.finished",
      time: clock.now(),
      step,
      committed: decision.commit,
      updated: [...updates.keys()],
      ...(decision.score === undefined ? {} : { score: decision.score }),
      ...(decision.previousScore === undefined ? {} : { previousScore: decision.previousScore }),
    });
    return {
      step,
      updates,
      kept,
      committed: decision.commit,
      ...(decision.score === undefined ? {} : { score: decision.score }),
      ...(decision.previousScore === undefined ? {} : { previousScore: decision.previousScore }),
      levels: levels.map((level) => level.map((p) => this.keyOf(p))),
    };
  }

  /** The summariser used when a parameter's feedback exceeds the budget; `undefined`: extractive bounding. */
  protected aggregatorFor(
    _parameter: Parameter,
    _runtime: Runtime,
    _signal: AbortSignal | undefined,
  ): Aggregate | undefined {
    return undefined;
  }

  /** Writes one parameter's new value. */
  protected abstract proposeUpdate(request: UpdateRequest): Promise<UpdateOutcome>;
}
