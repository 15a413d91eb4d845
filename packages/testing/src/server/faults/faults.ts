/**
 * A failure the mock server can inject:
 * - `rate_limit`: 429 with `retry-after-ms`/`retry-after` and rate-limit headers showing none left;
 * - `quota`: 429 out of credit (OpenAI `insufficient_quota`; Anthropic `rate_limit_error` with
 *   `details.error_code: "enforced_spend_limit_reached"`), never worth retrying;
 * - `overloaded`: 529 `overloaded_error` (Anthropic), 503 (OpenAI);
 * - `server_error`: 500; `unavailable`: 503;
 * - `auth`: 401; `bad_request`: 400; `context_length`: 400 context-length error;
 * - `malformed_json`: 200 with a body (or an SSE event) that is not valid JSON;
 * - `cut_stream`: the socket is destroyed half-way through the reply (SSE or JSON);
 * - `reset`: the socket is destroyed before any reply;
 * - `slow_first_byte`: the reply starts only after `slowFirstByteMs`;
 * - `stream_error_event`: an error event inside a 200 stream after the first content (Anthropic
 *   `event: error` with `overloaded_error`; OpenAI a `data: {"error": ...}` chunk); a JSON request gets
 *   `overloaded`;
 * - `stall_stream`: the reply pauses `stallMs` after its first content (before the body for JSON),
 *   ending early if the client goes away; for abort tests.
 */
export type MockFault =
  | "rate_limit"
  | "quota"
  | "overloaded"
  | "server_error"
  | "unavailable"
  | "auth"
  | "bad_request"
  | "context_length"
  | "malformed_json"
  | "cut_stream"
  | "reset"
  | "slow_first_byte"
  | "stream_error_event"
  | "stall_stream";

/** Every {@link MockFault}. */
export const MOCK_FAULTS: readonly MockFault[] = [
  "rate_limit",
  "quota",
  "overloaded",
  "server_error",
  "unavailable",
  "auth",
  "bad_request",
  "context_length",
  "malformed_json",
  "cut_stream",
  "reset",
  "slow_first_byte",
  "stream_error_event",
  "stall_stream",
];

/** The request header that injects a fault into one request: `x-weft-mock-fault: rate_limit`. */
export const FAULT_HEADER = "x-weft-mock-fault";

/** Whether `value` names a fault. */
export function isMockFault(value: unknown): value is MockFault {
  return typeof value === "string" && (MOCK_FAULTS as readonly string[]).includes(value);
}

/**
 * A configured fault. It applies to requests whose path starts with `path` (default: all), and then to
 * every `every`-th of them (default 1: each), or with `probability` (seeded, so runs repeat), at most
 * `count` times (default: no limit). A request's own `x-weft-mock-fault` header wins over rules.
 */
export interface FaultRule {
  readonly fault: MockFault;
  readonly every?: number;
  readonly probability?: number;
  readonly count?: number;
  readonly path?: string;
}
