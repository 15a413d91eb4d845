import { parseArgs } from "node:util";
import { CliError } from "../errors/cli-error.js";

/** A flag of a command: a boolean switch or a string value. */
export interface FlagSpec {
  readonly type: "boolean" | "string";
  readonly short?: string;
}

/** Flags and positionals as parsed. */
export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` strictly against `flags` (node:util `parseArgs`): an unknown flag, a missing value or too
 * many positionals is a CliError `usage` naming the command and the flag.
 */
export function parseFlags(
  command: string,
  argv: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
  maxPositionals: number,
): ParsedFlags {
  let parsed: ParsedFlags;
  try {
    parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split(/\.\s/)[0] : String(cause);
    throw new CliError("usage", `weft ${command}: ${lowerFirst(message ?? "bad arguments")}`, { cause });
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals];
    throw new CliError("usage", `weft ${command}: unexpected argument ${JSON.stringify(extra)}`);
  }
  return parsed;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A required positional, or a CliError `usage` naming it. */
export function requirePositional(command: string, parsed: ParsedFlags, index: number, name: string): string {
  const value = parsed.positionals[index];
  if (value === undefined || value === "") throw new CliError("usage", `weft ${command}: missing ${name}`);
  return value;
}

/** A string flag's value, or `undefined`. */
export function stringFlag(parsed: ParsedFlags, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
}

/** A required string flag, or a CliError `usage` naming it. */
export function requireFlag(command: string, parsed: ParsedFlags, name: string): string {
  const value = stringFlag(parsed, name);
  if (value === undefined || value === "")
    throw new CliError("usage", `weft ${command}: --${name} is required`);
  return value;
}

/**
 * A numeric flag: `undefined` when absent; a CliError `usage` when it is not a number (a whole number when
 * `integer`) of at least `min`.
 */
export function numberFlag(
  command: string,
  parsed: ParsedFlags,
  name: string,
  options: { readonly integer: boolean; readonly min: number },
): number | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (
    raw.trim() === "" ||
    !Number.isFinite(value) ||
    (options.integer && !Number.isInteger(value)) ||
    value < options.min
  ) {
    const kind = options.integer ? "a whole number" : "a number";
    throw new CliError(
      "usage",
      `weft ${command}: --${name} must be ${kind} >= ${options.min}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}
