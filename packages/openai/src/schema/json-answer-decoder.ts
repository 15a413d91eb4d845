import type { JSONSchema } from "@weft/provider";
import { hasOptionalProperties, removeOptionalNulls } from "./remove-optional-nulls.js";
import { isRecord } from "./schema-walk.js";

/** Turns the JSON text a model produced for a transformed schema back into text for the original one. */
export interface JsonAnswerDecoder {
  /** False when `decode` is the identity, so streamed text can be passed through as it arrives. */
  readonly changesText: boolean;
  decode(text: string): string;
}

/** The decoder for answers that need no mapping. */
export const IDENTITY_DECODER: JsonAnswerDecoder = { changesText: false, decode: (text) => text };

/** Options of {@link createJsonAnswerDecoder}. */
export interface JsonAnswerDecoderOptions {
  /** The caller's schema, before any provider transform. */
  readonly schema: JSONSchema | undefined;
  /** The schema sent was `{ value: <schema> }`: unwrap the answer. Default: false. */
  readonly wrapped?: boolean;
  /** The schema sent made optional properties required and nullable: drop their nulls. Default: false. */
  readonly optionalsMadeNullable?: boolean;
}

/**
 * Builds the decoder for one request. Text that is not JSON is passed through unchanged: the runtime's
 * validation reports it with the raw text, which is more useful than an error here.
 */
export function createJsonAnswerDecoder(options: JsonAnswerDecoderOptions): JsonAnswerDecoder {
  const { schema } = options;
  const wrapped = options.wrapped ?? false;
  const removeNulls = (options.optionalsMadeNullable ?? false) && hasOptionalProperties(schema);
  if (!wrapped && !removeNulls) return IDENTITY_DECODER;
  return {
    changesText: true,
    decode(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return text;
      }
      if (wrapped) {
        if (!isRecord(value) || !Object.hasOwn(value, "value")) return text;
        value = value.value;
      }
      if (removeNulls && schema) value = removeOptionalNulls(value, schema);
      return JSON.stringify(value);
    },
  };
}
