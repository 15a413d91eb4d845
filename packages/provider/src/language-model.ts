import type { ModelCapabilities } from "./capabilities.js";
import type { CallOptions, GenerateRequest } from "./request.js";
import type { GenerateResponse } from "./response.js";
import type { StreamPart } from "./stream-parts.js";

/**
 * The contract every provider implements, version `"v1"`.
 *
 * Rules for implementers:
 * - never retry: weft's resources layer is the only retry owner (construct vendor SDKs with `maxRetries: 0`);
 * - reject with a classified `ProviderError`, including for errors inside a 200 stream;
 * - honour `options.signal`: close the connection and reject with kind `aborted`;
 * - report usage fields you do not know as `undefined`.
 *
 * @example
 * ```ts
 * const reply = await model.generate({ messages: [{ role: "user", content: "Hi" }] });
 * for await (const part of model.stream({ messages })) if (part.type === "text-delta") write(part.delta);
 * ```
 */
export interface LanguageModel {
  readonly specificationVersion: "v1";
  /** The provider's name, e.g. `"openai.chat"`, `"anthropic.messages"`, `"vllm.chat"`. */
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse>;
  /** Streams the reply; HTTP failures are thrown from the first `next()`. */
  stream(request: GenerateRequest, options?: CallOptions): AsyncIterable<StreamPart>;
}

/** A provider package's entry object: `createOpenAI(...)` returns one. */
export interface Provider {
  /** Provider name, used as the key of `providerOptions`. */
  readonly name: string;
  languageModel(modelId: string): LanguageModel;
}

/** True when `value` implements the v1 spec (structurally). */
export function isLanguageModel(value: unknown): value is LanguageModel {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<LanguageModel>;
  return (
    candidate.specificationVersion === "v1" &&
    typeof candidate.generate === "function" &&
    typeof candidate.stream === "function"
  );
}
