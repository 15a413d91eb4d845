import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isModule, type Module } from "@weft/core";
import type { ProviderRegistry } from "@weft/resources";
import type { RowsFunction } from "@weft/runner";
import { CliError } from "../errors/cli-error.js";

/** A pipeline file's exports, checked. */
export interface LoadedPipeline {
  /** Absolute path of the file. */
  readonly path: string;
  readonly module: Module;
  /** A resource config object, or a path to a YAML or JSON config (relative to the pipeline file). */
  readonly resources: object | string | undefined;
  /** Provider factories for model descriptions in the config. */
  readonly registry: ProviderRegistry | undefined;
  /** Expands or filters each item's output into rows. */
  readonly rows: RowsFunction | undefined;
  /** The dataset field holding item ids. */
  readonly idField: string | undefined;
}

type Exports = Readonly<Record<string, unknown>>;

/** Checks that a path names an existing file; CliError `file_not_found` with `what` otherwise. */
export async function requireFile(path: string, cwd: string, what: string): Promise<string> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isFile()) throw new CliError("file_not_found", `${what} not found: ${path}`);
  return absolute;
}

/**
 * Imports a pipeline file (TypeScript is loaded through tsx, no build step) and finds its module: the default
 * export, or the `module` or `pipeline` export, or the `module` field of a default-exported object. Other
 * exports (or fields of that object): `resources`, `registry`, `rows`, `idField`.
 *
 * Errors are CliErrors: `file_not_found`, `pipeline_load_failed` (the file threw; its first message line is
 * kept), `no_module_export`, `invalid_pipeline` (an export of the wrong type).
 */
export async function loadPipeline(path: string, cwd: string): Promise<LoadedPipeline> {
  const absolute = await requireFile(path, cwd, "pipeline file");
  let exports: Exports;
  try {
    exports = (await import(pathToFileURL(absolute).href)) as Exports;
  } catch (cause) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new CliError("pipeline_load_failed", `cannot load pipeline ${path}: ${reason.split("\n")[0]}`, {
      cause,
    });
  }
  const fields = pipelineFields(exports);
  const module = [fields.default, fields.module, fields.pipeline].find(isModule);
  if (module === undefined) {
    throw new CliError(
      "no_module_export",
      `${path} does not export a weft module: export default new MyPipeline(), or export const module = ...`,
    );
  }
  return {
    path: absolute,
    module,
    resources: checked(
      path,
      "resources",
      fields.resources,
      (v) => typeof v === "object" || typeof v === "string",
      "a resource config object or a config file path",
    ) as object | string | undefined,
    registry: checked(
      path,
      "registry",
      fields.registry,
      (v) => typeof (v as { resolve?: unknown }).resolve === "function",
      "a ProviderRegistry",
    ) as ProviderRegistry | undefined,
    rows: checked(
      path,
      "rows",
      fields.rows,
      (v) => typeof v === "function",
      "a function (output, input) => rows[]",
    ) as RowsFunction | undefined,
    idField: checked(
      path,
      "idField",
      fields.idField,
      (v) => typeof v === "string" && v !== "",
      "a non-empty string",
    ) as string | undefined,
  };
}

/** The named exports, merged with the fields of a default-exported plain object. */
function pipelineFields(exports: Exports): Exports {
  const fallback = exports.default;
  if (typeof fallback === "object" && fallback !== null && !isModule(fallback)) {
    return { ...(fallback as Exports), ...exports, default: undefined };
  }
  return exports;
}

function checked(
  path: string,
  name: string,
  value: unknown,
  ok: (value: unknown) => boolean,
  expected: string,
): unknown {
  if (value === undefined || value === null) return undefined;
  if (!ok(value)) throw new CliError("invalid_pipeline", `${path}: the "${name}" export must be ${expected}`);
  return value;
}

/** The directory relative config paths of a pipeline are taken from. */
export function pipelineDir(pipeline: LoadedPipeline): string {
  return dirname(pipeline.path);
}
