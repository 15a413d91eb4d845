import type { z } from "zod";
import { OpError } from "../errors/op-error.js";
import { errorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";

/** Strips a Markdown code fence around JSON, which models add even in JSON mode. */
function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? (match[1] as string) : text;
}

/** Builds `llm.parseOutput(text)`. @internal */
export function parseLLMOutput(schema: z.ZodType | undefined, text: string): Value {
  if (!schema) return new Value(ValueKind.TEXT, text);
  const meta = { [MetaKey.op]: "LLMInference.parseOutput", rawText: text };
  let data: unknown;
  try {
    data = JSON.parse(unfence(text));
  } catch (cause) {
    return errorValue(
      new OpError("parse_failed", `The reply is not JSON: ${(cause as Error).message}`),
      meta,
    );
  }
  const result = schema.safeParse(data);
  if (result.success) return new Value(ValueKind.STRUCTURED, result.data);
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
  }));
  const first = issues[0];
  const detail = first ? `${first.path.join(".") || "<root>"}: ${first.message}` : "invalid";
  return errorValue(new OpError("schema_mismatch", `The reply does not match the output schema: ${detail}`), {
    ...meta,
    issues,
  });
}
