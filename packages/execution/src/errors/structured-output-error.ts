import type { SchemaIssue } from "@weft/core";
import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/** Fields of a {@link StructuredOutputError}. */
export interface StructuredOutputErrorOptions {
  readonly nodeId: string;
  /** The last reply's text, as the model sent it. */
  readonly rawText: string;
  /** What was wrong with it (JSON syntax or schema issues). */
  readonly issues: readonly SchemaIssue[];
  /** Replies asked for, the first one included. */
  readonly attempts: number;
  readonly cause?: unknown;
}

const STRUCTURED_OUTPUT_ERROR_BRAND = Symbol.for("weft.error.structured-output");

/**
 * An LLM node with an output schema got no valid reply after every allowed attempt (the first reply plus the
 * re-asks that quoted the validation issues). Carries the last raw text and its issues. Code:
 * `structured_output`.
 */
export class StructuredOutputError extends WeftError {
  readonly nodeId: string;
  readonly rawText: string;
  readonly issues: readonly SchemaIssue[];
  readonly attempts: number;

  constructor(options: StructuredOutputErrorOptions) {
    const first = options.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
    super(
      "structured_output",
      `Node '${options.nodeId}' got no reply matching its output schema after ${options.attempts} attempt(s)` +
        (first ? ` (${where}${first.message})` : ""),
      { cause: options.cause },
    );
    applyBrand(this, STRUCTURED_OUTPUT_ERROR_BRAND);
    this.nodeId = options.nodeId;
    this.rawText = options.rawText;
    this.issues = options.issues;
    this.attempts = options.attempts;
  }

  /** True for a StructuredOutputError from any installed copy of weft. */
  static override is(value: unknown): value is StructuredOutputError {
    return isStructuredOutputError(value);
  }
}

const isStructuredOutputError = brandCheck<StructuredOutputError>(STRUCTURED_OUTPUT_ERROR_BRAND);
