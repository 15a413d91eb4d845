/** The id given to an entry whose own id cannot be used. */
export function lineId(line: number): string {
  return `line:${line}`;
}

/** An entry's id from `idField`: a non-empty string, or a finite number as text; otherwise why not. */
export function idFromField(value: unknown, idField: string): { id: string } | { problem: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: `the entry is not an object, so it has no id field "${idField}"` };
  }
  const id = (value as Record<string, unknown>)[idField];
  if (typeof id === "string" && id !== "") return { id };
  if (typeof id === "number" && Number.isFinite(id)) return { id: String(id) };
  if (id === undefined) return { problem: `the id field "${idField}" is missing` };
  return { problem: `the id field "${idField}" must be a non-empty string or a number` };
}
