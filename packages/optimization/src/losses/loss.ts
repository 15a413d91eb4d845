import { Module, type Value } from "@weft/core";
import { collectTapeIds, noGrad, type RunOptions, type RunResult, run } from "@weft/execution";
import { Feedback } from "../feedback/feedback.js";

/** What a loss's `forward()` receives: the output to judge, and the target and context when given. */
export interface LossInput {
  /** The output (a Value, or a structure of Values as `forward()` returned it). */
  readonly output: unknown;
  readonly target?: unknown;
  readonly context?: unknown;
}

/** Options of {@link Loss.evaluate}: run options for the loss's own run, plus its target and context. */
export interface EvaluateOptions extends RunOptions {
  /** The expected output, a reference or a preferred answer, depending on the loss. Default: none. */
  readonly target?: unknown;
  /** Anything else the judge should see (the question, the rules). Default: none. */
  readonly context?: unknown;
}

/** The Values of a run result, a batch item (its result's, else its output), or the argument itself. @internal */
export function outputValues(output: unknown): unknown {
  if (typeof output !== "object" || output === null) return output;
  if ("values" in output && ("runId" in output || "result" in output)) {
    return (output as { values: unknown }).values;
  }
  if ("result" in output && "resumed" in output && "index" in output) {
    const item = output as {
      readonly result: { readonly values: unknown } | undefined;
      readonly output?: unknown;
    };
    return item.result ? item.result.values : item.output;
  }
  return output;
}

/**
 * A loss (plait-spec 5.7, 9.3): a module whose `forward()` turns an output into feedback, so it traces and
 * runs on the runtime like any module (its LLM judges go through the resources, limits and budget).
 * {@link evaluate} runs it on an output and returns a {@link Feedback} that carries the output's tape ids,
 * ready for `feedback.backward()`.
 *
 * Subclasses implement `forward(input)`, which receives `{ output, target?, context? }` as Values (a
 * structured output arrives as the structure of Values `forward()` returned), and returns the feedback Value.
 */
export abstract class Loss extends Module {
  abstract override forward(input: LossInput): Value;

  /**
   * Runs the loss on `output` (a run result or batch item, Values, or plain data) with `options.target`
   * and `options.context`, without recording a tape of its own, and resolves with the feedback, tagged with
   * the tape ids the output carries. Rejects with the run's `RunFailedError` when a node of the loss failed.
   */
  async evaluate(output: unknown, options: EvaluateOptions = {}): Promise<Feedback> {
    const values = outputValues(output);
    const result = await this.runOn(
      { output: values, target: options.target, context: options.context },
      options,
    );
    return tagged(result.values, values);
  }

  /** Runs this loss's graph on `input` (keys left undefined are not bound). @internal */
  protected runOn(input: LossInput, options: EvaluateOptions): Promise<RunResult> {
    return runLossGraph(this, input, options);
  }
}

/**
 * Runs a loss module (or a view of one) on `input`: keys left undefined are not bound, no tape is recorded,
 * and a failed node rejects with the run's `RunFailedError`. @internal
 */
export function runLossGraph(module: Module, input: LossInput, options: EvaluateOptions): Promise<RunResult> {
  const { target: _target, context: _context, ...runOptions } = options;
  const bound: Record<string, unknown> = { output: input.output };
  if (input.target !== undefined) bound.target = input.target;
  if (input.context !== undefined) bound.context = input.context;
  return noGrad(() =>
    run(module, bound as never, { ...runOptions, record: false, strict: true }),
  ) as Promise<RunResult>;
}

/** `feedback` as a Feedback carrying the tape ids of `source`. @internal */
export function tagged(feedback: unknown, source: unknown): Feedback {
  const tapeIds = collectTapeIds(source);
  return Feedback.from(feedback, tapeIds.length > 0 ? { tapeIds } : {});
}
