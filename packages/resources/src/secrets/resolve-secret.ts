import { Secret } from "./secret.js";

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

// The environment values inside a secret written around them ("Bearer ${TOKEN}"), so the redactor also knows
// the bare values.
const parts = new WeakMap<Secret, readonly Secret[]>();

/** The outcome of resolving a secret written in a config: the secret, or why it could not be read. */
export type SecretResolution =
  | { readonly ok: true; readonly secret: Secret }
  | { readonly ok: false; readonly message: string };

/** Whether `written` refers to an environment variable (`${ENV_NAME}` anywhere in it). */
export function hasEnvReference(written: string): boolean {
  return new RegExp(ENV_REFERENCE.source).test(written);
}

/**
 * Resolves a credential as written in a config. Every `${ENV_NAME}` in it is read from `env` (an unset or empty
 * variable is an error naming the variable, never a value), so `"${OPENAI_API_KEY}"` and
 * `"Bearer ${API_TOKEN}"` both work; the secret's `source` names the variables (comma-separated). A string
 * without references is a literal key.
 */
export function resolveSecret(
  written: string,
  env: Readonly<Record<string, string | undefined>>,
): SecretResolution {
  const whole = WHOLE_REFERENCE.exec(written.trim());
  const names = whole
    ? [whole[1] as string]
    : [...written.matchAll(ENV_REFERENCE)].map((m) => m[1] as string);
  if (names.length === 0) return { ok: true, secret: new Secret(written) };
  const missing = names.find((name) => env[name] === undefined || env[name] === "");
  if (missing !== undefined) return { ok: false, message: `environment variable ${missing} is not set` };
  const value = whole
    ? (env[names[0] as string] as string)
    : written.replace(ENV_REFERENCE, (_, name: string) => env[name] as string);
  const unique = [...new Set(names)];
  const secret = new Secret(value, unique.join(","));
  if (!whole)
    parts.set(
      secret,
      unique.map((name) => new Secret(env[name] as string, name)),
    );
  return { ok: true, secret };
}

/** The secret and the environment values it was assembled from, for redaction. */
export function secretAndParts(secret: Secret): readonly Secret[] {
  return [secret, ...(parts.get(secret) ?? [])];
}
