import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const MOCK_MODEL_ERROR_BRAND = Symbol.for("weft.error.testing.mock-model");

/** Why a {@link MockLanguageModel} could not answer: the test did not configure it for this call. */
export type MockModelErrorCode = "mock_not_configured" | "mock_exhausted";

/**
 * A mistake in a test's set-up of a {@link MockLanguageModel}, not a simulated provider failure (those are
 * `ProviderError`s). Thrown when a method has no behaviour, or a list of results has run out.
 */
export class MockModelError extends WeftError {
  declare readonly code: MockModelErrorCode;

  constructor(code: MockModelErrorCode, message: string) {
    super(code, message);
    applyBrand(this, MOCK_MODEL_ERROR_BRAND);
  }

  /** True for a MockModelError from any installed copy of weft. */
  static override is(value: unknown): value is MockModelError {
    return isMockModelError(value);
  }
}

const isMockModelError = brandCheck<MockModelError>(MOCK_MODEL_ERROR_BRAND);
