import type { WeftEvent } from "@weft/core";
import type { OutputStream } from "../cli-io.js";

/** Options of a {@link JsonLogWriter}. */
export interface JsonLogWriterOptions {
  /** Event types to leave out. Default: `["call.delta", "node.delta"]` (streamed text, one event per token). */
  readonly exclude?: readonly string[];
}

/**
 * `--json-logs`: writes every event as one JSON object per line, for machines. Values JSON cannot hold are
 * made safe: errors become `{ name, message, code }`, bigints strings, and a reference back to an object that
 * contains it (a cycle) `"[cycle]"`. An object shared by two fields is written in full both times.
 */
export class JsonLogWriter {
  private readonly exclude: ReadonlySet<string>;

  constructor(
    private readonly out: OutputStream,
    options: JsonLogWriterOptions = {},
  ) {
    this.exclude = new Set(options.exclude ?? ["call.delta", "node.delta"]);
  }

  /** The event listener; bound, so it can be passed to `bus.onAny` as is. */
  readonly handle = (event: WeftEvent): void => {
    if (this.exclude.has(event.type)) return;
    this.out.write(`${toJsonLine(event)}\n`);
  };
}

/** One event as a single line of JSON. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(safeForJson(value, new Set()));
}

/** A copy of `value` JSON can hold. `ancestors` are the objects on the path from the root: only they make a cycle. */
function safeForJson(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) {
    return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  }
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.has(value)) return "[cycle]";
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return safeForJson(toJSON.call(value), ancestors);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => safeForJson(item, ancestors) ?? null);
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const safe = safeForJson(member, ancestors);
      if (safe !== undefined && typeof safe !== "function") copy[key] = safe;
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
