const REDACTED = "[redacted]";

/** Replaces every occurrence of each secret (API keys) in a text. Secrets shorter than 8 characters are ignored. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.replaceAll(secret, REDACTED);
  return out;
}

/** {@link redactText} over every string inside a JSON-like value (a parsed error body). */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (depth > 16 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets, depth + 1)]));
}

/** True when a secret occurs in the error's message or its serialized fields. */
export function leaksSecret(error: unknown, secrets: readonly string[]): boolean {
  const live = secrets.filter((secret) => secret.length >= 8);
  if (live.length === 0) return false;
  let text: string;
  try {
    text = `${error instanceof Error ? error.message : ""} ${JSON.stringify(error)}`;
  } catch {
    text = String(error);
  }
  return live.some((secret) => text.includes(secret));
}
