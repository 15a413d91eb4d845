import { isValue, type Meta, MetaKey, Value, ValueKind } from "@weft/core";
import { collectTapeIds } from "@weft/execution";
import { type BackwardOptions, backward } from "../backward/backward.js";
import type { BackwardReport } from "../backward/backward-report.js";
import { LossError } from "../errors/loss-error.js";
import { type FeedbackPayload, feedbackActions, normalizeFeedbackPayload } from "./normalize.js";

/** Options of a {@link Feedback}. */
export interface FeedbackOptions {
  /** How good the output was, in [0, 1] (1 = perfect). Default: none. */
  readonly score?: number;
  /** Other metadata (`tapeIds` makes it propagatable; `criteria`, `justification`, `rank`...). Default: `{}`. */
  readonly meta?: Meta;
  /** Default: `null`. */
  readonly ref?: string | null;
}

function checkScore(score: number | undefined): void {
  if (score === undefined) return;
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
    throw new LossError("invalid_score", `a feedback score must be a number in [0, 1], got ${String(score)}`);
  }
}

/**
 * Feedback on an output (plait-spec 9.1): a STRUCTURED Value whose payload is groups of actionable improvement
 * strings, with an optional `meta.score` in [0, 1]. What losses return; when it carries the tape ids of the
 * outputs it judged, `await feedback.backward()` propagates it.
 *
 * @example
 * ```ts
 * const feedback = new Feedback(["Cite the source.", "Be shorter."], { score: 0.4 });
 * feedback.actions; // ["Cite the source.", "Be shorter."]
 * ```
 */
export class Feedback extends Value<FeedbackPayload> {
  /** `actions` is normalized like any feedback payload (see `normalizeFeedbackPayload`). */
  constructor(actions: unknown, options: FeedbackOptions = {}) {
    checkScore(options.score);
    super(ValueKind.STRUCTURED, normalizeFeedbackPayload(actions), {
      ref: options.ref ?? null,
      meta: { ...options.meta, ...(options.score === undefined ? {} : { [MetaKey.score]: options.score }) },
    });
  }

  /**
   * Feedback from a Value (payload normalized; ref and meta, tape ids included, kept) or from raw improvements.
   * `meta` is merged over the Value's.
   */
  static from(x: unknown, meta: Meta = {}): Feedback {
    if (x instanceof Feedback && Object.keys(meta).length === 0) return x;
    if (isValue(x)) {
      const score = { ...x.meta, ...meta }[MetaKey.score];
      const merged = { ...x.meta, ...meta };
      if (typeof score === "number") delete (merged as Record<string, unknown>)[MetaKey.score];
      return new Feedback(x, { ref: x.ref, meta: merged, ...(typeof score === "number" ? { score } : {}) });
    }
    return new Feedback(x, { meta });
  }

  /** `meta.score`, or `undefined` when the loss gave none. */
  get score(): number | undefined {
    const score = this.meta[MetaKey.score];
    return typeof score === "number" ? score : undefined;
  }

  /** The improvement strings, flattened. */
  get actions(): string[] {
    return feedbackActions(this);
  }

  /** The tapes this feedback can be propagated through. */
  get tapeIds(): string[] {
    return collectTapeIds(this);
  }

  /** `backward(this, options)`: propagates this feedback through its tapes (see `backward`). */
  backward(options: BackwardOptions = {}): Promise<BackwardReport> {
    return backward(this, options);
  }
}
