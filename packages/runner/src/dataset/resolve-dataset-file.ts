import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { RunnerError } from "../errors/runner-error.js";
import type { DatasetFile, DatasetFormat, DatasetSource } from "./dataset-source.js";

const FORMATS: Readonly<Record<string, DatasetFormat>> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".jsonlines": "jsonl",
  ".csv": "csv",
};

/** A dataset file with an absolute path and a known format. */
export interface ResolvedDatasetFile {
  readonly path: string;
  readonly format: DatasetFormat;
  readonly bytes: number;
}

/** The file a source names, or `undefined` for arrays and iterables. */
export function datasetFileOf(source: DatasetSource): DatasetFile | undefined {
  if (typeof source === "string") return { path: source };
  if (typeof source === "object" && source !== null && "path" in source && typeof source.path === "string") {
    return source as DatasetFile;
  }
  return undefined;
}

/**
 * Checks that a dataset file exists and has a known format. Throws RunnerError `dataset_not_found` or
 * `dataset_unreadable` with a one-line message naming the file.
 */
export async function resolveDatasetFile(file: DatasetFile): Promise<ResolvedDatasetFile> {
  const path = resolve(file.path);
  const format = file.format ?? FORMATS[extname(path).toLowerCase()];
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new RunnerError("dataset_not_found", `input file not found: ${file.path}`, { path, cause });
    }
    throw new RunnerError("dataset_unreadable", `cannot read input file ${file.path} (${code ?? "error"})`, {
      path,
      cause,
    });
  }
  if (!info.isFile()) {
    throw new RunnerError("dataset_unreadable", `input ${file.path} is not a file`, { path });
  }
  if (format === undefined) {
    throw new RunnerError(
      "dataset_unreadable",
      `cannot tell the format of ${file.path}: use a .jsonl, .ndjson or .csv file, or give the format`,
      { path },
    );
  }
  return { path, format, bytes: Number(info.size) };
}
