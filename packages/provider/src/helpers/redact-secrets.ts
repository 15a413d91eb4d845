const REDACTED = "[redacted]";
/** Shorter strings are too likely to occur by chance in ordinary text to be treated as secrets. */
const MIN_SECRET_LENGTH = 8;

function liveSecrets(secrets: readonly string[]): readonly string[] {
  return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/** Replaces every occurrence of each secret (an API key) in `text` with `[redacted]`. Secrets under 8 characters are ignored. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of liveSecrets(secrets)) out = out.replaceAll(secret, REDACTED);
  return out;
}

/** {@link redactSecrets} over every string inside a JSON-like value (a parsed error body), up to 16 levels deep. */
export function redactSecretsDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (depth > 16 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecretsDeep(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactSecretsDeep(item, secrets, depth + 1)]),
  );
}

/** True when a secret occurs in the error's message or in its serialized fields. */
export function leaksSecret(error: unknown, secrets: readonly string[]): boolean {
  const live = liveSecrets(secrets);
  if (live.length === 0) return false;
  let text: string;
  try {
    text = `${error instanceof Error ? error.message : ""} ${JSON.stringify(error)}`;
  } catch {
    text = String(error);
  }
  return live.some((secret) => text.includes(secret));
}
