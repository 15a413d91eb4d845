import type { z } from "zod";
import { type SchemaIssue, SchemaValidationError } from "../errors/schema-validation-error.js";

function issuesOf(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

/**
 * Validates `data` with a zod schema and returns the parsed output (so zod transforms and coercions
 * apply). Throws {@link SchemaValidationError} naming `subject` and the first issue.
 */
export async function checkSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  subject: string,
): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(data);
  if (!result.success)
    throw new SchemaValidationError({ subject, issues: issuesOf(result.error), cause: result.error });
  return result.data;
}

/** The synchronous form of {@link checkSchema} (for schemas without async refinements). */
export function checkSchemaSync<S extends z.ZodType>(schema: S, data: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new SchemaValidationError({ subject, issues: issuesOf(result.error), cause: result.error });
  return result.data;
}

/** Whether `x` looks like a zod schema (has `safeParse`). */
export function isZodSchema(x: unknown): x is z.ZodType {
  return (
    typeof x === "object" && x !== null && typeof (x as { safeParse?: unknown }).safeParse === "function"
  );
}
