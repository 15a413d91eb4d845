const FAILURE_MESSAGE = /terminated|fetch failed|socket|ECONNRESET|EPIPE|other side closed/i;
const FAILURE_CODE = /^(ECONNRESET|EPIPE|ECONNREFUSED|UND_ERR_SOCKET)$/;

/**
 * True when an error is a dropped or refused connection. Node's fetch reports a dropped socket as
 * `TypeError: terminated` or `fetch failed` with a socket error as its cause, so both are checked.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return FAILURE_MESSAGE.test(error.message) || (typeof code === "string" && FAILURE_CODE.test(code));
}
