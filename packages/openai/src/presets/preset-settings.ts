import type { RequestBodyTransform } from "../chat/chat-model-config.js";
import type { OpenAICompatibleSettings } from "../openai-compatible-provider.js";

/** Settings every preset accepts: those of `createOpenAICompatible` minus the name, with a default URL. */
export type OpenAICompatiblePresetSettings = Omit<OpenAICompatibleSettings, "name" | "baseURL"> & {
  /** Base URL of the server, including `/v1`. Default: the server's usual local address. */
  readonly baseURL?: string;
};

/** Runs the preset's transform, then the caller's. */
export function composeTransforms(
  preset: RequestBodyTransform,
  user: RequestBodyTransform | undefined,
): RequestBodyTransform {
  return user ? (body, context) => user(preset(body, context), context) : preset;
}

/** The schema of a `response_format: json_schema` field, if the body has one. */
export function takeJsonSchemaFormat(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const format = body.response_format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type !== "json_schema") return undefined;
  const schema = format.json_schema?.schema;
  return typeof schema === "object" && schema !== null ? (schema as Record<string, unknown>) : undefined;
}
