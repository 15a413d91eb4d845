import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/**
 * Why a functional op (or a Value access, or a tool call) produced an ERROR Value:
 * `not_text`, `not_numeric`, `boolean_not_numeric`, `not_structured`, `not_mapping`, `not_list`,
 * `missing_key`, `bad_path`, `bad_template`, `parse_failed`, `schema_mismatch`, `invalid_schema`,
 * `lossy_coercion`, `unsupported_coercion`, `not_serializable`, `zero_division`, `empty_list`,
 * `length_mismatch`, `missing_response_text`, `no_metadata`, `bad_client`, `client_failed`, `fn_failed`,
 * `unknown_tool`, `invalid_tool_arguments`, `tool_failed`.
 */
export type OpErrorCode =
  | "not_text"
  | "not_numeric"
  | "boolean_not_numeric"
  | "not_structured"
  | "not_mapping"
  | "not_list"
  | "missing_key"
  | "bad_path"
  | "bad_template"
  | "parse_failed"
  | "schema_mismatch"
  | "invalid_schema"
  | "lossy_coercion"
  | "unsupported_coercion"
  | "not_serializable"
  | "zero_division"
  | "empty_list"
  | "length_mismatch"
  | "missing_response_text"
  | "no_metadata"
  | "bad_client"
  | "client_failed"
  | "fn_failed"
  | "unknown_tool"
  | "invalid_tool_arguments"
  | "tool_failed";

const OP_ERROR_BRAND = Symbol.for("weft.error.op");

/**
 * The payload of an ERROR Value made by weft itself. Ops never throw for data problems: they return
 * `Value(ERROR)` whose payload is an OpError (errors are data, plait-spec 3.1).
 */
export class OpError extends WeftError {
  declare readonly code: OpErrorCode;

  constructor(code: OpErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, options);
    applyBrand(this, OP_ERROR_BRAND);
  }

  /** True for an OpError from any installed copy of weft. */
  static override is(value: unknown): value is OpError {
    return isOpError(value);
  }
}

const isOpError = brandCheck<OpError>(OP_ERROR_BRAND);
