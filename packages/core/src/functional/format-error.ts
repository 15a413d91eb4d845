/** A problem in a template or its lookup; `kind` says which. @internal */
export class FormatError extends Error {
  readonly kind: "bad_template" | "missing_key";
  readonly key: string | undefined;

  constructor(kind: "bad_template" | "missing_key", message: string, key?: string) {
    super(message);
    this.kind = kind;
    this.key = key;
  }
}
