import type { WeftEvent } from "@weft/core";
import type { OutputStream } from "../cli-io.js";

/** Options of a {@link JsonLogWriter}. */
export interface JsonLogWriterOptions {
  /** Event types to leave out. Default: `["call.delta", "node.delta"]` (streamed text, one event per token). */
  readonly exclude?: readonly string[];
}

/**
 * `--json-logs`: writes every event as one JSON object per line, for machines. Values JSON cannot hold are
 * made safe: errors become `{ name, message, code }`, bigints strings, an object met a second time (a cycle or a shared reference) `"[repeated]"`.
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
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member === "bigint") return member.toString();
    if (member instanceof Error) {
      return { name: member.name, message: member.message, code: (member as { code?: unknown }).code };
    }
    if (typeof member === "object" && member !== null) {
      if (seen.has(member)) return "[repeated]";
      seen.add(member);
    }
    return member;
  });
}
