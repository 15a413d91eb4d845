import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default import is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** Validates with ajv (draft 2020-12, formats, OpenAPI `nullable`); returns ajv's errors, empty when valid. For tests only. */
export function ajvErrors(schema: object, value: unknown): readonly unknown[] {
  return ajv.validate(schema, value) ? [] : [...(ajv.errors ?? [])];
}
