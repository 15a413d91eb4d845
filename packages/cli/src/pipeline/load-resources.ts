import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  loadResourceConfig,
  type ProviderRegistry,
  parseResourceConfig,
  type ResourceConfig,
  type ResourceConfigInput,
} from "@weft/resources";
import { CliError } from "../errors/cli-error.js";
import { type LoadedPipeline, pipelineDir, requireFile } from "./load-pipeline.js";

const MODULE_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]);

/** A validated resource config and the registry that goes with it. */
export interface LoadedResources {
  readonly config: ResourceConfig;
  readonly registry: ProviderRegistry | undefined;
  /** Where the config came from, for messages. */
  readonly source: string;
}

/**
 * Reads a resource config file: YAML or JSON through `loadResourceConfig`, or a TypeScript/JavaScript module
 * exporting `resources` (object or default export) and optionally `registry`. An invalid config throws
 * `ResourceConfigError` listing each bad field's path; a missing file is CliError `file_not_found`.
 */
export async function loadConfigFile(
  path: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedResources> {
  const absolute = await requireFile(path, cwd, "resource config");
  if (!MODULE_EXTENSIONS.has(extname(absolute).toLowerCase())) {
    return { config: await loadResourceConfig(absolute, { env }), registry: undefined, source: path };
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new CliError("pipeline_load_failed", `cannot load resource config ${path}: ${reason}`, { cause });
  }
  const input = exports.resources ?? exports.default;
  if (typeof input !== "object" || input === null) {
    throw new CliError("invalid_pipeline", `${path} must export "resources" (a resource config object)`);
  }
  return {
    config: parseResourceConfig(input as ResourceConfigInput, { env, file: path }),
    registry: exports.registry as ProviderRegistry | undefined,
    source: path,
  };
}

/**
 * The resources of a run: `--config <file>` when given, else the pipeline's `resources` export (a config
 * object, or a path relative to the pipeline file). No resources at all is CliError `usage`.
 */
export async function loadPipelineResources(
  pipeline: LoadedPipeline,
  configFlag: string | undefined,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedResources> {
  if (configFlag !== undefined) {
    const loaded = await loadConfigFile(configFlag, cwd, env);
    return { ...loaded, registry: loaded.registry ?? pipeline.registry };
  }
  const { resources } = pipeline;
  if (typeof resources === "string") {
    const loaded = await loadConfigFile(resolve(pipelineDir(pipeline), resources), cwd, env);
    return { ...loaded, registry: loaded.registry ?? pipeline.registry };
  }
  if (resources === undefined) {
    throw new CliError(
      "usage",
      `no resources for ${pipeline.path}: export "resources" from the pipeline file or pass --config <file>`,
    );
  }
  return {
    config: parseResourceConfig(resources as ResourceConfigInput, { env, file: pipeline.path }),
    registry: pipeline.registry,
    source: pipeline.path,
  };
}
