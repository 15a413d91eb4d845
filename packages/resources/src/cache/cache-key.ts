import { createHash } from "node:crypto";
import type { GenerateRequest } from "@weft/provider";

/** Serializes with sorted object keys and no `undefined` fields, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined && typeof item !== "function")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/** What a cached answer depends on. */
export interface CacheKeyInput {
  /** The models that may answer, as `provider:modelId` (an alias's endpoints). */
  readonly models: readonly string[];
  readonly request: GenerateRequest;
  /** Distinguishes samples of the same request (so optimization can ask for fresh ones). Default: none. */
  readonly sampleId?: string | undefined;
}

/**
 * The cache key: sha256 of the canonical JSON of the models, the request without its HTTP headers (which may
 * carry credentials and do not change the answer), and the sample id.
 */
export function cacheKey(input: CacheKeyInput): string {
  const { headers: _headers, ...request } = input.request;
  const models = [...new Set(input.models)].sort();
  return createHash("sha256")
    .update(canonicalJson({ v: 1, models, request, sampleId: input.sampleId ?? null }))
    .digest("hex");
}
