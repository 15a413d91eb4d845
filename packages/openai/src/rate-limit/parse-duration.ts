const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3,
  ns: 1e-6,
};
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;

/**
 * Parses the durations OpenAI sends in `x-ratelimit-reset-*` headers ("1s", "6m0s", "20ms", "1h2m3.5s")
 * into milliseconds. A bare number is read as seconds. Undefined when the text is not a duration.
 */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1_000;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(PART)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? Math.round(total * 1_000) / 1_000 : undefined;
}
