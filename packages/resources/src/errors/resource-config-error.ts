import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const RESOURCE_CONFIG_ERROR_BRAND = Symbol.for("weft.error.resources.config");

/** One problem in a resource config: where (dotted path, and line/column when read from a file) and what. */
export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `"aliases.fast.endpoints.0.rpm"`; `""` for the whole document. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the file, when the config came from a file and the field can be located. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * A resource config that cannot be used. `issues` lists every bad field with its path; the message names the
 * file when there is one. Never contains a secret's value.
 *
 * @example
 * ```ts
 * try { await loadResourceConfig("resources.yaml"); }
 * catch (error) { if (ResourceConfigError.is(error)) for (const i of error.issues) console.error(i.path, i.message); }
 * ```
 */
export class ResourceConfigError extends WeftError {
  declare readonly code: "invalid_resource_config";
  readonly issues: readonly ConfigIssue[];
  /** The file the config came from, when it came from one. */
  readonly file: string | undefined;

  constructor(
    issues: readonly ConfigIssue[],
    options: { readonly file?: string; readonly cause?: unknown } = {},
  ) {
    super("invalid_resource_config", describe(issues, options.file), { cause: options.cause });
    applyBrand(this, RESOURCE_CONFIG_ERROR_BRAND);
    this.issues = issues;
    this.file = options.file;
  }

  /** True for a ResourceConfigError from any installed copy of weft. */
  static override is(value: unknown): value is ResourceConfigError {
    return isConfigError(value);
  }
}

function describe(issues: readonly ConfigIssue[], file: string | undefined): string {
  const where = file === undefined ? "resource config" : `resource config ${file}`;
  const lines = issues.map((issue) => {
    const position =
      issue.line === undefined ? "" : ` (line ${issue.line}${issue.column ? `:${issue.column}` : ""})`;
    return `  ${issue.path || "(root)"}${position}: ${issue.message}`;
  });
  return `invalid ${where}:\n${lines.join("\n")}`;
}

const isConfigError = brandCheck<ResourceConfigError>(RESOURCE_CONFIG_ERROR_BRAND);
