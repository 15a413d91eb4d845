import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const NO_RESOURCES_ERROR_BRAND = Symbol.for("weft.error.no-resources");

/**
 * An LLM node ran but the run has no resource manager (no `resources` option, binding or scope). Code:
 * `no_resources`.
 */
export class NoResourcesError extends WeftError {
  readonly nodeId: string;
  readonly alias: string;

  constructor(nodeId: string, alias: string) {
    super(
      "no_resources",
      `Node '${nodeId}' calls alias "${alias}" but the run has no resources: pass \`resources\` to run(), ` +
        "bind the module, or use withSettings({ resources })",
    );
    applyBrand(this, NO_RESOURCES_ERROR_BRAND);
    this.nodeId = nodeId;
    this.alias = alias;
  }

  /** True for a NoResourcesError from any installed copy of weft. */
  static override is(value: unknown): value is NoResourcesError {
    return isNoResourcesError(value);
  }
}

const isNoResourcesError = brandCheck<NoResourcesError>(NO_RESOURCES_ERROR_BRAND);
