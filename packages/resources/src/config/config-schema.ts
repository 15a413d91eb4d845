import { isLanguageModel, PROVIDER_ERROR_KINDS, type ProviderErrorKind } from "@weft/provider";
import { z } from "zod";
import { Secret } from "../secrets/secret.js";

const positive = z.number().positive();
const positiveInt = z.number().int().positive();
const nonNegative = z.number().nonnegative();

/** Parses `value` with `schema` chosen by `pick`, keeping the nested issues' paths (unions lose them). */
function either<A extends z.ZodType, B extends z.ZodType>(pick: (value: unknown) => boolean, a: A, b: B) {
  return z.unknown().transform((value, ctx): z.output<A> | z.output<B> => {
    const result = (pick(value) ? a : b).safeParse(value);
    if (result.success) return result.data as z.output<A> | z.output<B>;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

const modelDescriptionSchema = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    baseURL: z.url().optional(),
    apiKey: z.union([z.string().min(1), z.instanceof(Secret)]).optional(),
    headers: z.record(z.string().min(1), z.union([z.string(), z.instanceof(Secret)])).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const languageModelSchema = z.custom<import("@weft/provider").LanguageModel>(isLanguageModel);

export const priceSchema = z
  .object({
    inputPerMTok: nonNegative,
    outputPerMTok: nonNegative,
    cachedInputPerMTok: nonNegative.optional(),
    cacheWritePerMTok: nonNegative.optional(),
  })
  .strict();

const retrySchema = z
  .object({
    maxAttempts: positiveInt,
    baseDelayMs: nonNegative,
    maxDelayMs: nonNegative,
    maxRetryAfterMs: nonNegative,
  })
  .partial()
  .strict();

const adaptiveSchema = z.union([
  z.boolean(),
  z
    .object({
      minRpm: positive,
      backoffFactor: z.number().gt(0).lt(1),
      recoveryFactor: z.number().gt(1),
    })
    .partial()
    .strict(),
]);

const defaultsShape = {
  maxConcurrent: positiveInt.optional(),
  timeoutMs: positive.optional(),
  burstSeconds: positive.optional(),
  retry: retrySchema.optional(),
  adaptive: adaptiveSchema.optional(),
};

export const defaultsSchema = z.object(defaultsShape).strict();

export const endpointSchema = z
  .object({
    ...defaultsShape,
    id: z.string().min(1).optional(),
    model: either(isLanguageModel, languageModelSchema, modelDescriptionSchema),
    rpm: positive.optional(),
    tpm: positive.optional(),
    pricing: priceSchema.optional(),
    weight: positive.optional(),
    maxOutputTokens: positiveInt.optional(),
  })
  .strict();

const isShorthandEndpoint = (value: unknown) =>
  typeof value === "object" && value !== null && "model" in value && !("endpoints" in value);

const aliasSchema = z
  .object({
    endpoints: z
      .array(either((value) => typeof value === "string", z.string().min(1), endpointSchema))
      .min(1),
    strategy: z.enum(["round_robin", "least_loaded"]).optional(),
    fallbacks: z.array(z.string().min(1)).optional(),
    fallbackOn: z
      .array(z.enum(PROVIDER_ERROR_KINDS as [ProviderErrorKind, ...ProviderErrorKind[]]))
      .optional(),
  })
  .strict();

export const resourceConfigSchema = z
  .object({
    endpoints: z.record(z.string().min(1), endpointSchema).optional(),
    aliases: z.record(
      z.string().min(1),
      z.preprocess((value) => (isShorthandEndpoint(value) ? { endpoints: [value] } : value), aliasSchema),
    ),
    pricing: z.record(z.string().min(1), priceSchema).optional(),
    defaults: defaultsSchema.optional(),
    cache: z
      .object({
        enabled: z.boolean().optional(),
        maxEntries: positiveInt.optional(),
        directory: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** What the schema yields, before defaults and cross-checks. */
export type ParsedResourceConfig = z.output<typeof resourceConfigSchema>;
export type ParsedEndpoint = z.output<typeof endpointSchema>;
