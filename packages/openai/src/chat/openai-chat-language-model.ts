import type {
  CallOptions,
  GenerateRequest,
  GenerateResponse,
  LanguageModel,
  ModelCapabilities,
  StreamPart,
} from "@weft/provider";
import type OpenAI from "openai";
import { mapOpenAIError } from "../errors/map-openai-error.js";
import { parseOpenAIRateLimit } from "../rate-limit/rate-limit-headers.js";
import { buildRequestBody, type PreparedRequest } from "./build-request-body.js";
import type { ChatModelConfig } from "./chat-model-config.js";
import { convertOpenAIUsage } from "./convert-usage.js";
import type { WireCompletion } from "./openai-api-types.js";
import { readChatStream } from "./read-chat-stream.js";
import { readCompletion } from "./read-completion.js";

type Body = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type StreamingBody = OpenAI.Chat.ChatCompletionCreateParamsStreaming;

/**
 * A chat-completions model (`/v1/chat/completions`) behind the weft spec, for OpenAI and for
 * OpenAI-compatible servers. Built by `createOpenAI(...).languageModel(id)` and `createOpenAICompatible`.
 */
export class OpenAIChatLanguageModel implements LanguageModel {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  readonly #config: ChatModelConfig;

  constructor(modelId: string, config: ChatModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.capabilities = config.capabilities(modelId);
    this.#config = config;
  }

  #prepare(request: GenerateRequest, stream: boolean): PreparedRequest {
    const config = this.#config;
    const prepared = buildRequestBody(request, {
      modelId: this.modelId,
      stream,
      strategy: this.capabilities.structuredOutput,
      strictJsonSchema: config.strictJsonSchema,
      reasoningModel: config.isReasoningModel(this.modelId),
      includeUsage: this.capabilities.streamingUsage,
      providerOptionsKey: config.providerOptionsKey,
    });
    const body =
      config.transformRequestBody?.(prepared.body, { modelId: this.modelId, stream }) ?? prepared.body;
    return { ...prepared, body };
  }

  #metadata(prepared: PreparedRequest): Readonly<Record<string, unknown>> | undefined {
    if (prepared.warnings.length === 0) return undefined;
    return { [this.#config.providerOptionsKey]: { warnings: prepared.warnings } };
  }

  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResponse> {
    const { clock, secrets } = this.#config;
    const context = { provider: this.provider, signal: options.signal, secrets };
    const prepared = this.#prepare(request, false);
    const startedAt = clock.now();
    try {
      const { data, response } = await this.#config
        .client()
        .chat.completions.create(prepared.body as unknown as Body, {
          signal: options.signal,
          headers: request.headers,
        })
        .withResponse();
      const completion = data as WireCompletion;
      const answer = readCompletion(completion, prepared.plan, this.provider);
      const providerMetadata = this.#metadata(prepared);
      return {
        ...answer,
        usage: convertOpenAIUsage(completion.usage),
        timing: { timeToFirstTokenMs: undefined, totalMs: clock.now() - startedAt },
        response: {
          id: completion.id ?? undefined,
          modelId: completion.model ?? undefined,
          headers: Object.fromEntries(response.headers),
        },
        rateLimit: parseOpenAIRateLimit(response.headers),
        ...(providerMetadata ? { providerMetadata } : {}),
      };
    } catch (error) {
      throw mapOpenAIError(error, context);
    }
  }

  async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
    const { clock, secrets } = this.#config;
    const context = { provider: this.provider, signal: options.signal, secrets };
    const prepared = this.#prepare(request, true);
    const startedAt = clock.now();
    try {
      const { data, response } = await this.#config
        .client()
        .chat.completions.create(prepared.body as unknown as StreamingBody, {
          signal: options.signal,
          headers: request.headers,
        })
        .withResponse();
      const providerMetadata = this.#metadata(prepared);
      yield* readChatStream(data as AsyncIterable<WireCompletion>, {
        plan: prepared.plan,
        provider: this.provider,
        headers: Object.fromEntries(response.headers),
        rateLimit: parseOpenAIRateLimit(response.headers),
        now: () => clock.now(),
        startedAt,
        ...(providerMetadata ? { providerMetadata } : {}),
      });
    } catch (error) {
      // The SDK ends a stream quietly when its signal fires; the cut stream then maps to `aborted`.
      throw mapOpenAIError(error, context);
    }
  }
}
