/** Whether two parameter values are the same (by identity or by JSON). @internal */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A parameter's value as text for a prompt: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** A model's text as a new value of a parameter whose current value is `current` (JSON for non-strings). */
export function valueFromText(current: unknown, text: string): { readonly value: unknown } | undefined {
  if (typeof current === "string") return { value: text };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
