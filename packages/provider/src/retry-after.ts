/** Reads a header from a Headers object or a plain record, case-insensitively. */
export function readHeader(
  headers: Headers | Readonly<Record<string, string | undefined>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

/**
 * The wait a server asked for, in milliseconds: `retry-after-ms` first, then `retry-after` as seconds
 * or an HTTP date (relative to `now`). Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfterMs(
  headers: Headers | Readonly<Record<string, string | undefined>> | undefined,
  now: number = Date.now(),
): number | undefined {
  const ms = Number.parseFloat(readHeader(headers, "retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = readHeader(headers, "retry-after");
  if (raw === undefined) return undefined;
  const seconds = Number(raw.trim());
  if (raw.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
