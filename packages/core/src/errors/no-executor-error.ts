import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const NO_EXECUTOR_ERROR_BRAND = Symbol.for("weft.error.no-executor");

/** A bound module was called but no execution engine is installed. Code: `no_executor`. */
export class NoExecutorError extends WeftError {
  constructor(moduleName: string) {
    super(
      "no_executor",
      `${moduleName} is bound to resources but no executor is installed: import @weft/execution ` +
        "(it installs one with setBoundExecutor) before calling a bound module.",
    );
    applyBrand(this, NO_EXECUTOR_ERROR_BRAND);
  }

  /** True for a NoExecutorError from any installed copy of weft. */
  static override is(value: unknown): value is NoExecutorError {
    return isNoExecutorError(value);
  }
}

const isNoExecutorError = brandCheck<NoExecutorError>(NO_EXECUTOR_ERROR_BRAND);
