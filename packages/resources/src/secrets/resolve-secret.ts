import { Secret } from "./secret.js";

const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The outcome of resolving a secret written in a config: the secret, or why it could not be read. */
export type SecretResolution =
  | { readonly ok: true; readonly secret: Secret }
  | { readonly ok: false; readonly message: string };

/**
 * Resolves a credential as written in a config: `${ENV_NAME}` is read from `env` (an unset or empty variable is
 * an error naming the variable, never a value); anything else is a literal key.
 */
export function resolveSecret(
  written: string,
  env: Readonly<Record<string, string | undefined>>,
): SecretResolution {
  const reference = ENV_REFERENCE.exec(written.trim());
  if (!reference) return { ok: true, secret: new Secret(written) };
  const name = reference[1] as string;
  const value = env[name];
  if (value === undefined || value === "") {
    return { ok: false, message: `environment variable ${name} is not set` };
  }
  return { ok: true, secret: new Secret(value, name) };
}
