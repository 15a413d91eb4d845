/** A request the real API would reject, described protocol-neutrally; each protocol renders its own body. */
export interface RequestIssue {
  readonly status: number;
  readonly message: string;
  /** The offending parameter (OpenAI `param`). */
  readonly param?: string;
  /** A machine-readable code (OpenAI `code`). */
  readonly code?: string;
  /** Error type; default `invalid_request_error`. */
  readonly type?: string;
}

/** Thrown inside a protocol's request parser to stop at the first problem, as the real APIs do. */
export class RequestRejected extends Error {
  constructor(readonly issue: RequestIssue) {
    super(issue.message);
  }
}

/** Stops parsing with a 400 (or `status`) issue. */
export function reject(
  message: string,
  fields: Omit<RequestIssue, "message" | "status"> & { status?: number } = {},
): never {
  throw new RequestRejected({ status: 400, message, ...fields });
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON type name of a value, as error messages spell it. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "decimal";
  return typeof value;
}
