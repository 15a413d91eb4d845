import type Anthropic from "@anthropic-ai/sdk";
import type {
  CallOptions,
  GenerateRequest,
  GenerateResponse,
  LanguageModel,
  ModelCapabilities,
  StreamPart,
} from "@weft/provider";
import { mapAnthropicError } from "../errors/map-anthropic-error.js";
import { parseAnthropicRateLimit } from "../rate-limit/rate-limit-headers.js";
import type { WireMessage, WireStreamEvent } from "./anthropic-api-types.js";
import { buildRequestBody, type PreparedRequest } from "./build-request-body.js";
import { convertAnthropicUsage } from "./convert-usage.js";
import type { MessagesModelConfig } from "./messages-model-config.js";
import { readMessage } from "./read-message.js";
import { readMessageStream } from "./read-message-stream.js";

type Body = Anthropic.MessageCreateParamsNonStreaming;
type StreamingBody = Anthropic.MessageCreateParamsStreaming;

/** A Messages API model (`/v1/messages`) behind the weft spec. Built by `createAnthropic(...).languageModel(id)`. */
export class AnthropicMessagesLanguageModel implements LanguageModel {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  readonly #config: MessagesModelConfig;

  constructor(modelId: string, config: MessagesModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.capabilities = config.capabilities(modelId);
    this.#config = config;
  }

  #prepare(request: GenerateRequest, stream: boolean): PreparedRequest {
    return buildRequestBody(request, {
      modelId: this.modelId,
      provider: this.provider,
      stream,
      strategy: this.capabilities.structuredOutput,
      defaultMaxTokens: this.capabilities.maxOutputTokens
        ? Math.min(this.#config.defaultMaxTokens, this.capabilities.maxOutputTokens)
        : this.#config.defaultMaxTokens,
    });
  }

  #metadata(prepared: PreparedRequest): Readonly<Record<string, unknown>> | undefined {
    return prepared.warnings.length === 0 ? undefined : { anthropic: { warnings: prepared.warnings } };
  }

  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResponse> {
    const { clock, secrets } = this.#config;
    const context = { provider: this.provider, signal: options.signal, secrets };
    try {
      const prepared = this.#prepare(request, false);
      const startedAt = clock.now();
      const { data, response } = await this.#config
        .client()
        .messages.create(prepared.body as unknown as Body, {
          signal: options.signal,
          headers: request.headers,
        })
        .withResponse();
      const message = data as WireMessage;
      const providerMetadata = this.#metadata(prepared);
      return {
        ...readMessage(message, prepared.plan, this.provider),
        usage: convertAnthropicUsage(message.usage ?? undefined),
        timing: { timeToFirstTokenMs: undefined, totalMs: clock.now() - startedAt },
        response: {
          id: message.id ?? undefined,
          modelId: message.model ?? undefined,
          headers: Object.fromEntries(response.headers),
        },
        rateLimit: parseAnthropicRateLimit(response.headers),
        ...(providerMetadata ? { providerMetadata } : {}),
      };
    } catch (error) {
      throw mapAnthropicError(error, context);
    }
  }

  async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
    const { clock, secrets } = this.#config;
    const context = { provider: this.provider, signal: options.signal, secrets };
    try {
      const prepared = this.#prepare(request, true);
      const startedAt = clock.now();
      const { data, response } = await this.#config
        .client()
        .messages.create(prepared.body as unknown as StreamingBody, {
          signal: options.signal,
          headers: request.headers,
        })
        .withResponse();
      const providerMetadata = this.#metadata(prepared);
      yield* readMessageStream(data as AsyncIterable<WireStreamEvent>, {
        plan: prepared.plan,
        provider: this.provider,
        headers: Object.fromEntries(response.headers),
        rateLimit: parseAnthropicRateLimit(response.headers),
        now: () => clock.now(),
        startedAt,
        ...(providerMetadata ? { providerMetadata } : {}),
      });
    } catch (error) {
      // The SDK ends a stream quietly when its signal fires; the cut stream then maps to `aborted`.
      throw mapAnthropicError(error, context);
    }
  }
}
