import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/** One problem found by a schema, as zod reports it. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Fields of a {@link SchemaValidationError}. */
export interface SchemaValidationErrorOptions {
  /** What was checked, for example `"Summarizer input"` or `"LLMInference output"`. */
  readonly subject: string;
  readonly issues: readonly SchemaIssue[];
  readonly cause?: unknown;
}

const SCHEMA_VALIDATION_ERROR_BRAND = Symbol.for("weft.error.schema-validation");

function describeIssue(issue: SchemaIssue): string {
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Data did not match a module's `inputSchema` / `outputSchema` (or a tool's parameters). The message names
 * the subject and the first issue. Code: `schema_validation`.
 */
export class SchemaValidationError extends WeftError {
  readonly subject: string;
  readonly issues: readonly SchemaIssue[];

  constructor(options: SchemaValidationErrorOptions) {
    const first = options.issues[0];
    const more = options.issues.length > 1 ? ` (and ${options.issues.length - 1} more)` : "";
    const detail = first ? `${describeIssue(first)}${more}` : "invalid";
    super("schema_validation", `${options.subject} does not match its schema: ${detail}`, {
      cause: options.cause,
    });
    applyBrand(this, SCHEMA_VALIDATION_ERROR_BRAND);
    this.subject = options.subject;
    this.issues = options.issues;
  }

  /** True for a SchemaValidationError from any installed copy of weft. */
  static override is(value: unknown): value is SchemaValidationError {
    return isSchemaValidationError(value);
  }
}

const isSchemaValidationError = brandCheck<SchemaValidationError>(SCHEMA_VALIDATION_ERROR_BRAND);
