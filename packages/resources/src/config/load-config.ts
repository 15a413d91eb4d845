import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import type { ResourceConfig } from "./config-types.js";
import { parseResourceConfig } from "./parse-config.js";

/** Options of {@link loadResourceConfig}. */
export interface LoadConfigOptions {
  /** Environment for `${ENV_NAME}` secrets. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads a resource config from a YAML or JSON file (JSON is read as YAML), validates it and resolves its secrets.
 * A relative `cache.directory` is taken relative to the file. Errors name the file, and each bad field's path and
 * line; a syntax error gives its line and column but never echoes the file's text (it may hold a key).
 *
 * @example
 * ```ts
 * const manager = new ResourceManager(await loadResourceConfig("resources.yaml"), { registry });
 * ```
 */
export async function loadResourceConfig(
  path: string,
  options: LoadConfigOptions = {},
): Promise<ResourceConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ResourceConfigError([{ path: "", message: `cannot read the file (${reason})` }], {
      file: path,
    });
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ResourceConfigError(
      document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { path: "", message: `syntax error (${error.code})`, line, column: col };
      }),
      { file: path },
    );
  }
  const raw = document.toJS() as unknown;
  const config = parseResourceConfig(raw, {
    env: options.env,
    file: path,
    locate: (fieldPath) => {
      for (let length = fieldPath.length; length >= 0; length--) {
        const node = document.getIn(fieldPath.slice(0, length), true) as
          | { range?: [number, number, number] }
          | undefined;
        if (node?.range) {
          const { line, col } = lines.linePos(node.range[0]);
          return { line, column: col };
        }
      }
      return undefined;
    },
  });
  const directory = config.cache?.directory;
  if (config.cache && directory !== undefined && !isAbsolute(directory)) {
    return { ...config, cache: { ...config.cache, directory: resolve(dirname(path), directory) } };
  }
  return config;
}
