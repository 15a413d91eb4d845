/**
 * Small integer codes for a column of strings that take few distinct values (node kinds, aliases, module paths),
 * so a log can store them in a typed array. Code 0 is `undefined`. Consecutive events often repeat the previous
 * value, which is answered without a lookup.
 */
export class StringCodes {
  private readonly codes = new Map<string, number>();
  private readonly values: (string | undefined)[] = [undefined];
  private last: string | undefined;
  private lastCode = 0;

  /** The code of `value`, assigning the next one on first sight. */
  code(value: string | undefined): number {
    if (value === this.last) return this.lastCode;
    let code = 0;
    if (value !== undefined) {
      const known = this.codes.get(value);
      if (known === undefined) {
        code = this.values.length;
        this.values.push(value);
        this.codes.set(value, code);
      } else code = known;
    }
    this.last = value;
    this.lastCode = code;
    return code;
  }

  /** The string a code stands for. */
  value(code: number): string | undefined {
    return this.values[code];
  }
}
