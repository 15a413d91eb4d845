import { isLanguageModel } from "@weft/provider";
import { type ConfigIssue, ResourceConfigError } from "../errors/resource-config-error.js";
import { DEFAULT_FALLBACK_KINDS, DEFAULT_RETRY } from "../retry/retry-policy.js";
import { resolveSecret } from "../secrets/resolve-secret.js";
import { Secret } from "../secrets/secret.js";
import { resolveSecretsIn } from "../secrets/secret-values.js";
import { type ParsedEndpoint, type ParsedResourceConfig, resourceConfigSchema } from "./config-schema.js";
import type { AliasConfig, EndpointConfig, ModelDescription, ResourceConfig } from "./config-types.js";

/** Where a config came from, for error messages, and where `${ENV}` secrets are read. */
export interface ParseConfigOptions {
  /** Environment for `${ENV_NAME}` secrets. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The file the config was read from, named in errors. */
  readonly file?: string;
  /** Maps a field path to its line and column in the file, when known. */
  readonly locate?: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;
}

/** Per-endpoint default timeout (ms). */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Entries the in-memory response cache keeps by default. */
export const DEFAULT_CACHE_ENTRIES = 1_000;

type Path = readonly PropertyKey[];

/**
 * Validates a resource config (an object as written, or an already validated `ResourceConfig`), applies defaults,
 * resolves `${ENV}` secrets and checks references between aliases and endpoints. Throws `ResourceConfigError`
 * listing every bad field by path; no secret value ever appears in it.
 */
export function parseResourceConfig(input: unknown, options: ParseConfigOptions = {}): ResourceConfig {
  const issues: ConfigIssue[] = [];
  const report = (path: Path, message: string) => issues.push(issueAt(input, path, message, options));
  const parsed = resourceConfigSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(issue.path, issue.message);
    throw new ResourceConfigError(issues, { file: options.file });
  }
  const config = normalize(parsed.data, options.env ?? process.env, report);
  if (issues.length > 0) throw new ResourceConfigError(issues, { file: options.file });
  return config;
}

function normalize(
  data: ParsedResourceConfig,
  env: Readonly<Record<string, string | undefined>>,
  report: (path: Path, message: string) => void,
): ResourceConfig {
  const defaults = data.defaults ?? {};
  const endpoints: Record<string, EndpointConfig> = {};
  const add = (id: string, endpoint: ParsedEndpoint, path: Path) => {
    if (Object.hasOwn(endpoints, id)) {
      report([...path, "id"], `endpoint id "${id}" is used twice`);
      return;
    }
    endpoints[id] = {
      id,
      model: resolveModel(endpoint.model, env, [...path, "model"], report),
      maxConcurrent: endpoint.maxConcurrent ?? defaults.maxConcurrent,
      rpm: endpoint.rpm,
      tpm: endpoint.tpm,
      burstSeconds: endpoint.burstSeconds ?? defaults.burstSeconds ?? 1,
      timeoutMs: endpoint.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...defaults.retry, ...endpoint.retry },
      adaptive: adaptiveOf(endpoint.adaptive ?? defaults.adaptive),
      pricing: endpoint.pricing,
      weight: endpoint.weight ?? 1,
      maxOutputTokens: endpoint.maxOutputTokens,
    };
  };
  for (const [name, endpoint] of Object.entries(data.endpoints ?? {})) {
    if (endpoint.id !== undefined && endpoint.id !== name) {
      report(["endpoints", name, "id"], `must equal its key "${name}" (or be left out)`);
    }
    add(name, endpoint, ["endpoints", name]);
  }
  const named = new Set(Object.keys(data.endpoints ?? {}));
  const aliases: Record<string, AliasConfig> = {};
  for (const [alias, spec] of Object.entries(data.aliases)) {
    const ids = spec.endpoints.map((entry, index) => {
      const path = ["aliases", alias, "endpoints", index];
      if (typeof entry === "string") {
        if (!named.has(entry)) report(path, `no endpoint named "${entry}" under endpoints`);
        return entry;
      }
      const id = entry.id ?? `${alias}#${index}`;
      add(id, entry, path);
      return id;
    });
    const fallbacks = spec.fallbacks ?? [];
    fallbacks.forEach((fallback, index) => {
      if (fallback === alias)
        report(["aliases", alias, "fallbacks", index], "an alias cannot fall back to itself");
      else if (!Object.hasOwn(data.aliases, fallback)) {
        report(["aliases", alias, "fallbacks", index], `no alias named "${fallback}"`);
      }
    });
    aliases[alias] = {
      endpoints: ids,
      strategy: spec.strategy ?? "least_loaded",
      fallbacks,
      fallbackOn: spec.fallbackOn ?? DEFAULT_FALLBACK_KINDS,
    };
  }
  const cache = data.cache;
  return {
    endpoints,
    aliases,
    pricing: data.pricing ?? {},
    cache:
      cache === undefined || cache.enabled === false
        ? undefined
        : { maxEntries: cache.maxEntries ?? DEFAULT_CACHE_ENTRIES, directory: cache.directory },
  };
}

function adaptiveOf(value: boolean | EndpointConfig["adaptive"] | undefined): EndpointConfig["adaptive"] {
  if (value === false) return false;
  return value === undefined || value === true ? {} : value;
}

/** A description with its key, credential-like headers and options, and every `${ENV}` string as `Secret`s. */
function resolveModel(
  model: ParsedEndpoint["model"],
  env: Readonly<Record<string, string | undefined>>,
  path: Path,
  report: (path: Path, message: string) => void,
): EndpointConfig["model"] {
  if (isLanguageModel(model)) return model;
  const { apiKey, headers, options, ...rest } = model as ModelDescription;
  let key: ModelDescription["apiKey"];
  if (apiKey !== undefined && !Secret.is(apiKey)) {
    const resolved = resolveSecret(apiKey, env);
    if (resolved.ok) key = resolved.secret;
    else report([...path, "apiKey"], resolved.message);
  } else key = apiKey;
  return {
    ...rest,
    ...(key === undefined ? {} : { apiKey: key }),
    ...(headers === undefined
      ? {}
      : {
          headers: resolveSecretsIn(
            headers,
            env,
            [...path, "headers"],
            report,
          ) as ModelDescription["headers"],
        }),
    ...(options === undefined
      ? {}
      : {
          options: resolveSecretsIn(
            options,
            env,
            [...path, "options"],
            report,
          ) as ModelDescription["options"],
        }),
  };
}

/** Rewrites paths into a shorthand alias (written as one endpoint) to where the user wrote them, and locates them. */
function issueAt(input: unknown, path: Path, message: string, options: ParseConfigOptions): ConfigIssue {
  let written: Path = path;
  if (path[0] === "aliases" && path[2] === "endpoints" && path[3] === 0 && isShorthand(input, path[1])) {
    written = ["aliases", path[1] as PropertyKey, ...path.slice(4)];
  }
  const where = options.locate?.(written);
  return {
    path: written.map(String).join("."),
    message,
    ...(where === undefined ? {} : { line: where.line, column: where.column }),
  };
}

function isShorthand(input: unknown, alias: PropertyKey | undefined): boolean {
  const aliases = (input as { aliases?: Record<PropertyKey, unknown> } | null)?.aliases;
  const entry = alias === undefined ? undefined : aliases?.[alias];
  return typeof entry === "object" && entry !== null && "model" in entry && !("endpoints" in entry);
}
