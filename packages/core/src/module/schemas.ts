import type { z } from "zod";
import { isZodSchema } from "../schema/check-schema.js";
import type { Module } from "./module.js";

/** The zod `inputSchema` a module declares, if any. */
export function inputSchemaOf(module: Module): z.ZodType | undefined {
  const schema = (module as { readonly inputSchema?: unknown }).inputSchema;
  return isZodSchema(schema) ? schema : undefined;
}

/** The zod `outputSchema` a module declares, if any. */
export function outputSchemaOf(module: Module): z.ZodType | undefined {
  const schema = (module as { readonly outputSchema?: unknown }).outputSchema;
  return isZodSchema(schema) ? schema : undefined;
}
