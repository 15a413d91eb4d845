import type { Module, Value } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";
import type { GraphNode, InferenceGraph } from "@weft/tracing";
import type { FeedbackPayload } from "../feedback/normalize.js";
import type { Propagation } from "./propagation.js";

/** What a module's `backward()` is told about the node it ran as (plait-spec 9.4). */
export interface BackwardContext {
  readonly nodeId: string;
  readonly node: GraphNode;
  readonly module: Module | undefined;
  /** The resolved inputs the node ran on, by position: `"0"`, `"1"`, ... */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The Value the node produced. */
  readonly output: Value | undefined;
  readonly graph: InferenceGraph;
  readonly record: ForwardRecord;
  /** The feedback Values that reached this node, before combination. */
  readonly downstreamFeedback: readonly Value[];
  /**
   * Asks the reasoning model (the backward's `reasoningAlias`, else the critic of textual-gradient
   * propagation) and resolves with its reply; throws an OptimizationError when there is none.
   */
  reason(prompt: string): Promise<string>;
}

/**
 * What a module's `backward()` returns (plait-spec 9.4). `inputFeedback` keys name the inputs: a position
 * (`"0"`, also `"arg_0"`), `"prompt"` (an LLM call's prompt), or a field of an object argument; an input that
 * is a structure sends the feedback to every Value in it. `parameterFeedback` keys name the module's
 * parameters (`"systemPrompt"`, or any dotted suffix of their names). Both default to `{}`.
 */
export interface BackwardResult {
  readonly inputFeedback?: Readonly<Record<string, unknown>>;
  readonly parameterFeedback?: Readonly<Record<string, unknown>>;
}

/**
 * A module that decides how feedback on its output reaches its inputs and parameters. Leaf modules may
 * implement it (a method named `backward`); modules that do not get the default: LLM calls feed their
 * learnable system prompt, everything else passes the feedback to every input unchanged.
 */
export interface Backwardable {
  backward(
    feedback: Value<FeedbackPayload>,
    context: BackwardContext,
  ): BackwardResult | Promise<BackwardResult>;
}

/** Whether `module` implements {@link Backwardable}. */
export function hasBackward(module: unknown): module is Backwardable {
  return typeof (module as { backward?: unknown } | null)?.backward === "function";
}

/** What receives the records of a backward pass (an optimizer). */
export interface FeedbackSink {
  /** Keeps a record so the next step can order its updates by the graphs that ran. */
  captureRecord(record: ForwardRecord): void;
  /** The propagation a backward pass uses when it is not given one. */
  readonly propagation: Propagation | undefined;
}
