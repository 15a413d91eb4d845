import { isRecord, jsonType, reject } from "../validation.js";

type Kind =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "array"
  | "object"
  | "string|array"
  | "string|object"
  | "any";

/** Top-level fields of `POST /v1/chat/completions` and the JSON type each takes. */
const OPENAI_FIELDS: Readonly<Record<string, Kind>> = {
  messages: "array",
  model: "string",
  audio: "object",
  frequency_penalty: "number",
  function_call: "string|object",
  functions: "array",
  logit_bias: "object",
  logprobs: "boolean",
  max_completion_tokens: "integer",
  max_tokens: "integer",
  metadata: "object",
  modalities: "array",
  moderation: "object",
  n: "integer",
  parallel_tool_calls: "boolean",
  prediction: "object",
  presence_penalty: "number",
  prompt_cache_key: "string",
  prompt_cache_options: "object",
  prompt_cache_retention: "string",
  reasoning_effort: "string",
  response_format: "object",
  safety_identifier: "string",
  seed: "integer",
  service_tier: "string",
  stop: "string|array",
  store: "boolean",
  stream: "boolean",
  stream_options: "object",
  temperature: "number",
  tool_choice: "string|object",
  tools: "array",
  top_logprobs: "integer",
  top_p: "number",
  user: "string",
  verbosity: "string",
  web_search_options: "object",
};

/**
 * Body fields OpenAI-compatible servers add, accepted by default on the OpenAI route: vLLM guided
 * decoding (`guided_json`, ...), sampling extras (`top_k`, `min_p`, ...), Ollama (`format`, `options`,
 * `keep_alive`, `think`) and OpenRouter (`provider`, `transforms`, `models`, `route`, `plugins`, ...).
 * Pass `openaiExtensionFields: []` to `startMockServer` to be as strict as api.openai.com.
 */
export const OPENAI_COMPATIBLE_EXTENSION_FIELDS: readonly string[] = [
  "guided_json",
  "guided_regex",
  "guided_choice",
  "guided_grammar",
  "guided_decoding_backend",
  "guided_whitespace_pattern",
  "structured_outputs",
  "chat_template_kwargs",
  "top_k",
  "min_p",
  "repetition_penalty",
  "format",
  "options",
  "keep_alive",
  "think",
  "provider",
  "transforms",
  "models",
  "route",
  "plugins",
  "usage",
  "reasoning",
  "include_reasoning",
];

const EXPECTED_NAME: Readonly<Record<string, string>> = {
  integer: "an integer",
  number: "a decimal",
  boolean: "a boolean",
  string: "a string",
  array: "an array",
  object: "an object",
};

function matches(value: unknown, kind: Kind): boolean {
  if (value === null || kind === "any") return true;
  switch (kind) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "string|array":
      return typeof value === "string" || Array.isArray(value);
    case "string|object":
      return typeof value === "string" || isRecord(value);
    default:
      return typeof value === kind;
  }
}

/** Rejects unknown fields and wrong types the way OpenAI does, with its messages and codes. */
export function checkOpenAIFields(body: Record<string, unknown>, extensions: ReadonlySet<string>): void {
  for (const [field, value] of Object.entries(body)) {
    const kind = OPENAI_FIELDS[field];
    if (kind === undefined) {
      if (extensions.has(field)) continue;
      reject(`Unrecognized request argument supplied: ${field}`);
    }
    if (!matches(value, kind)) {
      const expected = EXPECTED_NAME[kind] ?? kind.replace("|", " or ");
      reject(`Invalid type for '${field}': expected ${expected}, but got ${jsonType(value)} instead.`, {
        param: field,
        code: "invalid_type",
      });
    }
  }
  for (const field of ["model", "messages"]) {
    if (body[field] === undefined || body[field] === null) {
      reject(`Missing required parameter: '${field}'.`, { param: field, code: "missing_required_parameter" });
    }
  }
}

/** Rejects a number outside `[min, max]` with OpenAI's wording. */
export function checkRange(body: Record<string, unknown>, field: string, min: number, max: number): void {
  const value = body[field];
  if (typeof value !== "number") return;
  const kind = Number.isInteger(value) && field.includes("tokens") ? "integer" : "decimal";
  if (value < min) {
    reject(
      `Invalid '${field}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      {
        param: field,
        code: `${kind}_below_min_value`,
      },
    );
  }
  if (value > max) {
    reject(
      `Invalid '${field}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      {
        param: field,
        code: `${kind}_above_max_value`,
      },
    );
  }
}
