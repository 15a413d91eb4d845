import { ProviderError } from "@weft/provider";
import OpenAI from "openai";

/** Options of {@link createClientFactory}. */
export interface ClientOptions {
  readonly provider: string;
  readonly apiKey: string | undefined;
  /** Without a key: send no Authorization header (local servers) instead of failing. Default: false. */
  readonly keyOptional?: boolean;
  /** What to tell the user when the key is missing and required. */
  readonly missingKeyHint?: string;
  readonly baseURL: string;
  readonly organization?: string | undefined;
  readonly project?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * Builds the one SDK client a provider's models share (one connection pool), with `maxRetries: 0`,
 * logging off (SDK logs could print request details), and every environment fallback of the SDK
 * disabled: settings come from the factory only. Returns a getter that throws a fresh `auth`
 * `ProviderError` per call when a required key is missing.
 */
export function createClientFactory(options: ClientOptions): () => OpenAI {
  const { apiKey, provider } = options;
  if (!apiKey && !options.keyOptional) {
    return () => {
      throw new ProviderError({
        kind: "auth",
        provider,
        message: `${provider}: no API key${options.missingKeyHint ? `: ${options.missingKeyHint}` : ""}`,
      });
    };
  }
  const client = new OpenAI({
    // The SDK insists on a credential; with none, a placeholder plus a removed header sends no auth at all.
    apiKey: apiKey || "no-key",
    baseURL: options.baseURL,
    organization: options.organization ?? null,
    project: options.project ?? null,
    defaultHeaders: { ...options.headers, ...(apiKey ? {} : { Authorization: null }) },
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
    logLevel: "off",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return () => client;
}
