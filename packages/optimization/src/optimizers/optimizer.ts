import { type EventBus, type Parameter, systemClock } from "@weft/core";
import type { ExecutionSettings, ForwardRecord, Runtime } from "@weft/execution";
import { currentSettings, resolveSettings } from "@weft/execution";
import type { ResourceConfigInput, ResourceManager } from "@weft/resources";
import { setDefaultSink, withSink } from "../backward/active-sink.js";
import type { FeedbackSink } from "../backward/backward-types.js";
import type { Propagation } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import type { Aggregate, FeedbackBudget } from "../feedback/bound-feedback.js";
import { openRuntime } from "../llm/model-runtime.js";
import { alwaysCommit, type CommitDecision } from "./commit-policy.js";
import type { OptimizerOptions, StepOptions, UpdateOutcome, UpdateRequest } from "./optimizer-types.js";
import { parameterOrder } from "./parameter-graph.js";
import { assertStepReady, stepOutcome } from "./step-outcome.js";
import type { HistoryEntry, StepResult } from "./step-result.js";
import { type LevelResult, updateLevels } from "./update-levels.js";

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
    assertStepReady(settings.resources, this.#records);
    const step = this.#steps + 1;
    const order = parameterOrder(this.parameters, this.#records);
    const levels = this.ordered ? order.levels : [order.levels.flat()];
    const levelKeys = levels.map((level) => level.map((p) => this.keyOf(p)));
    const clock = settings.clock ?? systemClock;
    this.events?.emit({
      type: "optimizer.step.started",
      time: clock.now(),
      step,
      withFeedback: this.parameters
        .filter((p) => p.requiresGrad && p.getAccumulatedFeedback().length > 0)
        .map((p) => this.keyOf(p)),
      levels: levelKeys,
    });
    const policy = options.commit ?? alwaysCommit();
    const snapshot = new Map(this.parameters.map((p) => [p, p.value]));
    const result: LevelResult = { updates: new Map(), kept: [], changed: new Set() };
    const restore = () => {
      for (const parameter of result.changed) parameter.applyUpdate(snapshot.get(parameter));
    };
    const runtime = openRuntime(this.settings, this.constructor.name);
    let decision: CommitDecision;
    try {
      await policy.prepare?.();
      await updateLevels(
        {
          step,
          levels,
          upstream: order.upstream,
          ordered: this.ordered,
          consistencyUpdates: this.consistencyUpdates,
          feedbackBudget: this.feedbackBudget,
          snapshot,
          runtime,
          signal: options.signal,
          clock,
          events: this.events,
          keyOf: (parameter) => this.keyOf(parameter),
          aggregatorFor: (parameter) => this.aggregatorFor(parameter, runtime, options.signal),
          propose: (request) => this.proposeUpdate(request),
        },
        result,
      );
      decision = await policy.decide(result.updates);
    } catch (error) {
      restore();
      throw error;
    } finally {
      runtime.close();
    }
    if (!decision.commit) restore();
    const outcome = stepOutcome(step, result, decision, levelKeys, clock.now());
    this.history.push(...outcome.history);
    this.#steps = step;
    this.events?.emit(outcome.event);
    return outcome.result;
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
