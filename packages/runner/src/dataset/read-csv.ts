import { createReadStream } from "node:fs";
import { RunnerError } from "../errors/runner-error.js";
import { type CsvRecord, CsvRecordSplitter } from "./csv-records.js";
import type { RawEntry } from "./dataset-source.js";

/**
 * Streams a CSV file with a header row: each record becomes an object keyed by the header's column names,
 * values as strings (declare `z.coerce.number()` and the like in the input schema for other types). A
 * malformed record, or one with the wrong number of fields, becomes an `invalid_csv` entry with the line it
 * starts on; reading goes on. A header with an empty or repeated column name is a `dataset_unreadable`
 * RunnerError. A UTF-8 byte order mark is skipped.
 */
export async function* readCsv(path: string): AsyncGenerator<RawEntry> {
  const splitter = new CsvRecordSplitter();
  let header: readonly string[] | undefined;
  let first = true;
  const entries = (records: readonly CsvRecord[]): RawEntry[] => {
    const out: RawEntry[] = [];
    for (const record of records) {
      if (header === undefined) {
        header = checkHeader(record, path);
        continue;
      }
      out.push(toEntry(record, header));
    }
    return out;
  };
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    let text = chunk as string;
    if (first && text.startsWith("\uFEFF")) text = text.slice(1);
    first = false;
    yield* entries(splitter.push(text));
  }
  yield* entries(splitter.end());
}

function checkHeader(record: CsvRecord, path: string): readonly string[] {
  const problem =
    record.error ??
    (record.fields.some((name) => name.trim() === "") ? "a column has no name" : undefined) ??
    duplicateOf(record.fields);
  if (problem !== undefined) {
    throw new RunnerError(
      "dataset_unreadable",
      `${path}: bad CSV header on line ${record.line}: ${problem}`,
      {
        path,
      },
    );
  }
  return record.fields;
}

function duplicateOf(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return `column ${JSON.stringify(name)} appears twice`;
    seen.add(name);
  }
  return undefined;
}

function toEntry(record: CsvRecord, header: readonly string[]): RawEntry {
  const error =
    record.error ??
    (record.fields.length === header.length
      ? undefined
      : `expected ${header.length} fields, found ${record.fields.length}`);
  if (error !== undefined) {
    return { line: record.line, error: { reason: "invalid_csv", message: error, text: record.text } };
  }
  // fromEntries defines own properties, so a column named `__proto__` stays a plain field.
  const value = Object.fromEntries(header.map((name, index) => [name, record.fields[index] ?? ""]));
  return { line: record.line, value };
}
