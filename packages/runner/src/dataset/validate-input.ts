import type { z } from "zod";
import type { InputIssue } from "./dataset-source.js";

/** The outcome of checking one input against a module's input schema. */
export type InputCheck =
  | { readonly ok: true; readonly input: unknown }
  | { readonly ok: false; readonly issues: readonly InputIssue[]; readonly message: string };

/** Checks `value` against `schema`; on failure lists every bad field by dotted path. */
export function validateInput(schema: z.ZodType, value: unknown): InputCheck {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, input: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map((key) => String(key)).join("."),
    message: issue.message,
  }));
  const listed = issues.map((issue) => `${issue.path || "(input)"}: ${issue.message}`).join("; ");
  return { ok: false, issues, message: `input does not match the module's input schema: ${listed}` };
}
