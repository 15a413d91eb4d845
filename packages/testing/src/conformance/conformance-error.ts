import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const BRAND = Symbol.for("weft.error.testing.conformance");

/** A provider failed a conformance check; the message says which expectation and what was seen. */
export class ConformanceError extends WeftError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("conformance_failed", message, options);
    applyBrand(this, BRAND);
  }

  /** True for a ConformanceError from any installed copy of weft. */
  static override is(value: unknown): value is ConformanceError {
    return isConformanceError(value);
  }
}

const isConformanceError = brandCheck<ConformanceError>(BRAND);
