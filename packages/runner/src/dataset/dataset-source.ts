/** A dataset file format. `jsonl`: one JSON value per line; `csv`: RFC 4180 with a header row. */
export type DatasetFormat = "jsonl" | "csv";

/** A dataset file, with its format given or taken from the extension (`.jsonl`, `.ndjson`, `.csv`). */
export interface DatasetFile {
  readonly path: string;
  /** Default: from the extension. */
  readonly format?: DatasetFormat;
}

/**
 * Where a run's items come from: a file path (format from the extension), a {@link DatasetFile}, an array,
 * or any (async) iterable. Files are streamed line by line, never loaded whole.
 */
export type DatasetSource =
  | string
  | DatasetFile
  | readonly unknown[]
  | Iterable<unknown>
  | AsyncIterable<unknown>;

/** Why an entry of the dataset is not an item the module can run on. */
export type InvalidEntryReason =
  | "invalid_json"
  | "invalid_csv"
  | "invalid_input"
  | "invalid_id"
  | "duplicate_id";

/** One field-level problem of an input, from the module's input schema. */
export interface InputIssue {
  /** Dotted path of the field (`""` for the whole input). */
  readonly path: string;
  readonly message: string;
}

/**
 * One entry as a reader produced it, before ids and validation: `line` is the 1-based line of a file (for
 * CSV, the line the record starts on) or the 1-based position in an array or iterable.
 */
export type RawEntry =
  | { readonly line: number; readonly value: unknown }
  | {
      readonly line: number;
      readonly error: {
        readonly reason: "invalid_json" | "invalid_csv";
        readonly message: string;
        readonly text: string;
      };
    };

/** An entry the module will run on. */
export interface DatasetItem {
  readonly kind: "item";
  /** From the id field when configured, else the line number (as text). */
  readonly id: string;
  readonly line: number;
  /** The entry as read. */
  readonly raw: unknown;
  /** The input the module gets: the schema's output when the module declares one, else `raw`. */
  readonly input: unknown;
  /** sha256 of the entry's canonical JSON, used to check that a resumed run reads the same inputs. */
  readonly inputHash: string;
}

/** An entry that cannot run: it is written to `errors/` with its line and the run goes on. */
export interface InvalidEntry {
  readonly kind: "invalid";
  /** The entry's id, or `line:<n>` when its own id cannot be read or is a duplicate. */
  readonly id: string;
  readonly line: number;
  /** The entry as read, when it could be parsed. */
  readonly raw: unknown;
  readonly reason: InvalidEntryReason;
  readonly message: string;
  /** Field-level problems, for `invalid_input`. */
  readonly issues?: readonly InputIssue[];
  /** The text as read, for entries that could not be parsed (`invalid_json`, `invalid_csv`). */
  readonly text?: string;
  readonly inputHash: string;
}

/** What a dataset yields, in order. */
export type DatasetRecord = DatasetItem | InvalidEntry;
