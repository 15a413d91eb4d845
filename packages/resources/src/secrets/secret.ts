const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const REDACTED = "[redacted]";

/**
 * A credential that hides itself: `String()`, `JSON.stringify`, template literals and `util.inspect` all show
 * `[redacted]`. Only {@link Secret.reveal} returns the value, and only the code that hands it to a provider
 * factory calls it.
 *
 * @example
 * ```ts
 * const key = new Secret(process.env.OPENAI_API_KEY ?? "", "OPENAI_API_KEY");
 * console.log(`${key}`); // [redacted]
 * ```
 */
export class Secret {
  readonly #value: string;
  /** Where the value came from: the environment variable names it was read from (comma-separated), safe to show. */
  readonly source: string | undefined;

  constructor(value: string, source?: string) {
    this.#value = value;
    this.source = source;
  }

  /** The credential itself. Never log it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return this.source === undefined ? "Secret([redacted])" : `Secret(\${${this.source}})`;
  }

  /** True for a {@link Secret}. */
  static is(value: unknown): value is Secret {
    return value instanceof Secret;
  }
}

/** The placeholder every redaction writes in place of a secret. */
export const REDACTED_TEXT = REDACTED;
