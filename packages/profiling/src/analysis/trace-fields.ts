import { ProfilingError } from "../errors/profiling-error.js";

/** Reads typed fields of one trace event's args, naming the event and field when one is wrong. */
export class TraceFields {
  constructor(
    private readonly args: Readonly<Record<string, unknown>>,
    private readonly where: string,
  ) {}

  string(key: string): string {
    const value = this.args[key];
    if (typeof value !== "string") throw this.wrong(key, "a string", value);
    return value;
  }

  number(key: string): number {
    const value = this.args[key];
    if (typeof value !== "number" || !Number.isFinite(value)) throw this.wrong(key, "a finite number", value);
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.args[key] === undefined ? undefined : this.string(key);
  }

  optionalNumber(key: string): number | undefined {
    return this.args[key] === undefined ? undefined : this.number(key);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.string(key);
    if (!(allowed as readonly string[]).includes(value))
      throw this.wrong(key, `one of ${allowed.join(", ")}`, value);
    return value as T;
  }

  private wrong(key: string, expected: string, value: unknown): ProfilingError {
    return new ProfilingError(
      "invalid_trace",
      `${this.where}: args.${key} should be ${expected}, got ${value === undefined ? "nothing" : JSON.stringify(value)}`,
    );
  }
}
