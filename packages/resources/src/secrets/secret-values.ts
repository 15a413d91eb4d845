import { hasEnvReference, resolveSecret, secretAndParts } from "./resolve-secret.js";
import { REDACTED_TEXT, Secret } from "./secret.js";

// Words of a key that mark its value as a credential: authorization, api-key, x-api-key, token, secret, ...
const CREDENTIAL_WORDS = new Set([
  "authorization",
  "auth",
  "apikey",
  "key",
  "token",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "credential",
  "credentials",
  "cookie",
]);
// Keys whose values are HTTP headers: every value is hidden in dumps.
const HEADER_CONTAINER = /^(default_?)?headers$/i;

/**
 * Whether a key or header name looks like it holds a credential: one of its words (split at camel case,
 * `-`, `_`, `.`) is `authorization`, `auth`, `key`, `apikey`, `token`, `secret`, `password`, `passwd`,
 * `passphrase`, `credential(s)` or `cookie`. So `Authorization`, `x-api-key`, `apiKey`, `accessToken` and
 * `client_secret` do; `maxTokens`, `keepAlive` and `tokenizer` do not.
 */
export function looksLikeCredential(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => CREDENTIAL_WORDS.has(word));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Reports a value that could not be resolved, at its path. */
export type ReportIssue = (path: readonly PropertyKey[], message: string) => void;

/**
 * Resolves the secrets inside a JSON-like value (model options, headers): every string that refers to
 * `${ENV_NAME}` anywhere, and every string under a key that {@link looksLikeCredential}, becomes a `Secret`.
 * Plain objects and arrays are walked; anything else (numbers, functions, instances, secrets) is kept.
 */
export function resolveSecretsIn(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path: readonly PropertyKey[],
  report: ReportIssue,
  credential = false,
): unknown {
  if (typeof value === "string") {
    if (!credential && !hasEnvReference(value)) return value;
    const resolved = resolveSecret(value, env);
    if (resolved.ok) return resolved.secret;
    report(path, resolved.message);
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveSecretsIn(item, env, [...path, index], report, credential));
  }
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(([key, item]) => [
    key,
    resolveSecretsIn(item, env, [...path, key], report, credential || looksLikeCredential(key)),
  ]);
  return Object.fromEntries(entries);
}

/** A copy of `value` with every `Secret` replaced by its value, as a provider factory needs it. */
export function revealSecretsIn<T>(value: T): T {
  if (Secret.is(value)) return value.reveal() as T;
  if (Array.isArray(value)) return value.map((item) => revealSecretsIn(item)) as T;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealSecretsIn(item)])) as T;
}

/** Appends every `Secret` inside `value` (and the environment values it was assembled from) to `into`. */
export function collectSecrets(value: unknown, into: Secret[]): void {
  if (Secret.is(value)) into.push(...secretAndParts(value));
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) collectSecrets(item, into);
}

/** How a secret shows in a dump: `${OPENAI_API_KEY} [redacted]`, or `[redacted]` for a literal. */
export function describeSecret(secret: Secret): string {
  if (secret.source === undefined) return REDACTED_TEXT;
  const names = secret.source.split(",").map((name) => `\${${name}}`);
  return `${names.join(" ")} ${REDACTED_TEXT}`;
}

/**
 * `value` as JSON-safe data for a dump: secrets described, and every value under a credential-like key or inside
 * a `headers` object shown as `[redacted]`, whatever it is. Functions and instances other than plain data are
 * left for `JSON.stringify` to drop or show.
 */
export function redactForDump(value: unknown, hidden = false): unknown {
  if (Secret.is(value)) return describeSecret(value);
  if (Array.isArray(value)) return value.map((item) => redactForDump(item, hidden));
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => [
      key,
      redactForDump(item, hidden || looksLikeCredential(key) || HEADER_CONTAINER.test(key)),
    ]);
    return Object.fromEntries(entries);
  }
  return hidden && value !== undefined && value !== null ? REDACTED_TEXT : value;
}
