import { isRecord, reject } from "../validation.js";

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

/**
 * Top-level fields of `POST /v1/messages` and their types. `temperature`, `top_p` and `top_k` are
 * accepted although the 1.x SDK types no longer list them: the API has long taken them.
 */
const ANTHROPIC_FIELDS: Readonly<Record<string, Kind>> = {
  model: "string",
  messages: "array",
  max_tokens: "integer",
  cache_control: "object",
  container: "string|object",
  context_management: "object",
  diagnostics: "object",
  inference_geo: "string",
  mcp_servers: "array",
  metadata: "object",
  output_config: "object",
  service_tier: "string",
  speed: "string",
  stop_sequences: "array",
  stream: "boolean",
  system: "string|array",
  thinking: "object",
  tool_choice: "object",
  tools: "array",
  user_profile_id: "string",
  workspace_id: "string",
  temperature: "number",
  top_p: "number",
  top_k: "integer",
};

const TYPE_MESSAGE: Readonly<Record<Kind, string>> = {
  string: "Input should be a valid string",
  number: "Input should be a valid number",
  integer: "Input should be a valid integer",
  boolean: "Input should be a valid boolean",
  array: "Input should be a valid list",
  object: "Input should be a valid dictionary",
  "string|array": "Input should be a valid string or a valid list",
  "string|object": "Input should be a valid string or a valid dictionary",
  any: "",
};

function matches(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "any":
      return true;
    case "integer":
      return Number.isInteger(value);
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

/** Rejects unknown fields, wrong types, missing required fields and bad ranges with Anthropic's messages. */
export function checkAnthropicFields(body: Record<string, unknown>, extensions: ReadonlySet<string>): void {
  for (const [field, value] of Object.entries(body)) {
    const kind = ANTHROPIC_FIELDS[field];
    if (kind === undefined) {
      if (extensions.has(field)) continue;
      reject(`${field}: Extra inputs are not permitted`);
    }
    if (value !== null && !matches(value, kind)) reject(`${field}: ${TYPE_MESSAGE[kind]}`);
  }
  for (const field of ["model", "messages", "max_tokens"]) {
    if (body[field] === undefined || body[field] === null) reject(`${field}: Field required`);
  }
  const maxTokens = body.max_tokens as number;
  if (maxTokens < 1) reject("max_tokens: Input should be greater than or equal to 1");
  const bounds: readonly [string, number, number][] = [
    ["temperature", 0, 1],
    ["top_p", 0, 1],
  ];
  for (const [field, min, max] of bounds) {
    const value = body[field];
    if (typeof value !== "number") continue;
    if (value < min) reject(`${field}: Input should be greater than or equal to ${min}`);
    if (value > max) reject(`${field}: Input should be less than or equal to ${max}`);
  }
  if (
    body.stop_sequences !== undefined &&
    !(body.stop_sequences as unknown[]).every((s) => typeof s === "string")
  ) {
    reject("stop_sequences: Input should be a valid list of strings");
  }
}
