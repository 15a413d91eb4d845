import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { z } from "zod";
import { RunnerError } from "../errors/runner-error.js";
import { CsvRecordSplitter } from "./csv-records.js";
import type { DatasetRecord, DatasetSource, RawEntry } from "./dataset-source.js";
import { inputHash, textHash } from "./input-hash.js";
import { idFromField, lineId } from "./item-id.js";
import { readCsv } from "./read-csv.js";
import { readJsonl } from "./read-jsonl.js";
import { datasetFileOf, type ResolvedDatasetFile, resolveDatasetFile } from "./resolve-dataset-file.js";
import { validateInput } from "./validate-input.js";

/** Options of {@link Dataset.open}. */
export interface DatasetOptions {
  /** Field holding each entry's id. Default: none (the id is the line number, or the 1-based position). */
  readonly idField?: string;
  /** Checked (and parsed) on every entry; a failure becomes an `invalid_input` record. Default: none. */
  readonly inputSchema?: z.ZodType;
  /** Read at most this many entries (valid or not). Default: all. */
  readonly limit?: number;
}

/** What identifies a dataset's content, so a resumed run can tell whether its inputs changed. */
export interface DatasetDescription {
  readonly kind: "jsonl" | "csv" | "array" | "iterable";
  /** Absolute path of a file source. */
  readonly path?: string;
  /** Size of a file source, in bytes. */
  readonly bytes?: number;
  /** sha256 of a file source's bytes. */
  readonly sha256?: string;
  /** Entries in the source (before `limit`), when it can be known without consuming it. */
  readonly entries?: number;
}

/**
 * A dataset opened for a run: a file (streamed, never loaded whole), an array or an (async) iterable.
 * `records()` yields every entry in order as a {@link DatasetRecord}: an item with its id and validated
 * input, or an invalid entry (bad JSON or CSV, an input failing the schema, an unusable or repeated id) that
 * the run records in `errors/` before going on.
 *
 * @example
 * ```ts
 * const dataset = await Dataset.open("items.jsonl", { idField: "id", inputSchema: Pipeline.inputSchema });
 * for await (const record of dataset.records()) if (record.kind === "item") console.log(record.id);
 * ```
 */
export class Dataset {
  private consumed = false;

  private constructor(
    private readonly source: DatasetSource,
    /** The resolved file, for file sources. */
    readonly file: ResolvedDatasetFile | undefined,
    private readonly options: DatasetOptions,
  ) {}

  /**
   * Opens a source. A file is checked now (RunnerError `dataset_not_found` / `dataset_unreadable`), so a bad
   * path fails before anything is written.
   */
  static async open(source: DatasetSource, options: DatasetOptions = {}): Promise<Dataset> {
    if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 0)) {
      throw new RunnerError("invalid_run_options", `limit must be a whole number >= 0, got ${options.limit}`);
    }
    if (options.idField === "") throw new RunnerError("invalid_run_options", "idField must not be empty");
    const file = datasetFileOf(source);
    return new Dataset(source, file ? await resolveDatasetFile(file) : undefined, options);
  }

  /**
   * Identifies the content: a file's size, sha256 and entry count (one streaming pass); an array's length.
   * An iterable cannot be described without consuming it, so only its kind is given.
   */
  async describe(): Promise<DatasetDescription> {
    if (this.file) {
      const { sha256, entries } = await scanFile(this.file);
      return { kind: this.file.format, path: this.file.path, bytes: this.file.bytes, sha256, entries };
    }
    if (Array.isArray(this.source)) return { kind: "array", entries: this.source.length };
    return { kind: "iterable" };
  }

  /** Every entry in order, ids assigned and inputs validated. An iterable source can be read only once. */
  async *records(): AsyncGenerator<DatasetRecord> {
    const { idField, inputSchema, limit = Number.POSITIVE_INFINITY } = this.options;
    if (limit === 0) return;
    const seen = new Set<string>();
    let taken = 0;
    for await (const entry of this.entries()) {
      yield toRecord(entry, idField, inputSchema, seen);
      if (++taken >= limit) return;
    }
  }

  private entries(): AsyncIterable<RawEntry> | Iterable<RawEntry> {
    if (this.file) return this.file.format === "csv" ? readCsv(this.file.path) : readJsonl(this.file.path);
    if (!Array.isArray(this.source)) {
      if (this.consumed) {
        throw new RunnerError("invalid_run_options", "an iterable dataset can be read only once");
      }
      this.consumed = true;
    }
    return numbered(this.source as Iterable<unknown> | AsyncIterable<unknown>);
  }
}

async function* numbered(values: Iterable<unknown> | AsyncIterable<unknown>): AsyncGenerator<RawEntry> {
  let line = 0;
  for await (const value of values) yield { line: ++line, value };
}

function toRecord(
  entry: RawEntry,
  idField: string | undefined,
  schema: z.ZodType | undefined,
  seen: Set<string>,
): DatasetRecord {
  const { line } = entry;
  if ("error" in entry) {
    const id = idField === undefined ? String(line) : lineId(line);
    const { reason, message, text } = entry.error;
    return { kind: "invalid", id, line, raw: undefined, reason, message, text, inputHash: textHash(text) };
  }
  const raw = entry.value;
  const hash = inputHash(raw);
  const invalid = (reason: "invalid_id" | "duplicate_id" | "invalid_input", message: string, id: string) =>
    ({ kind: "invalid", id, line, raw, reason, message, inputHash: hash }) as const;
  let id = String(line);
  if (idField !== undefined) {
    const found = idFromField(raw, idField);
    if ("problem" in found) return invalid("invalid_id", found.problem, lineId(line));
    id = found.id;
  }
  if (seen.has(id)) return invalid("duplicate_id", `id ${JSON.stringify(id)} was already used`, lineId(line));
  seen.add(id);
  if (schema === undefined) return { kind: "item", id, line, raw, input: raw, inputHash: hash };
  const check = validateInput(schema, raw);
  if (!check.ok) return { ...invalid("invalid_input", check.message, id), issues: check.issues };
  return { kind: "item", id, line, raw, input: check.input, inputHash: hash };
}

async function scanFile(file: ResolvedDatasetFile): Promise<{ sha256: string; entries: number }> {
  const hash = createHash("sha256");
  const splitter = file.format === "csv" ? new CsvRecordSplitter() : undefined;
  let entries = 0;
  const decoder = new StringDecoder("utf8");
  let partial = "";
  for await (const chunk of createReadStream(file.path)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    const text = decoder.write(bytes);
    if (splitter) entries += splitter.push(text).length;
    else {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      entries += lines.filter((line) => line.trim() !== "").length;
    }
  }
  if (splitter) entries += splitter.end().length - 1;
  else if (partial.trim() !== "") entries++;
  return { sha256: hash.digest("hex"), entries: Math.max(0, entries) };
}
