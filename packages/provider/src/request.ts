import type { JSONSchema } from "./json-schema.js";
import type { Message } from "./messages.js";
import type { ToolChoice, ToolSpec } from "./tools.js";

/**
 * What the reply should look like. `{ type: "json", schema }` asks for an object matching the schema,
 * using whichever strategy the model's capabilities declare. Default: `{ type: "text" }`.
 */
export type ResponseFormat =
  | { readonly type: "text" }
  | {
      readonly type: "json";
      readonly schema?: JSONSchema;
      /** A name for the schema; providers that need one default to `"response"`. */
      readonly name?: string;
      readonly description?: string;
    };

/** JSON-compatible provider-specific options, keyed by provider name (`{ openai: { ... } }`). */
export type ProviderOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** One request to a language model. Everything but `messages` is optional; unset means provider default. */
export interface GenerateRequest {
  readonly messages: readonly Message[];
  readonly temperature?: number;
  /** Upper bound on output tokens. */
  readonly maxTokens?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  readonly tools?: readonly ToolSpec[];
  readonly toolChoice?: ToolChoice;
  readonly responseFormat?: ResponseFormat;
  /** Options only one provider understands, under that provider's name. */
  readonly providerOptions?: ProviderOptions;
  /** Extra HTTP headers for this request. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-call options that are not part of the request itself. */
export interface CallOptions {
  /** Aborts the call; the provider must close the connection and reject with kind `aborted`. */
  readonly signal?: AbortSignal;
}
