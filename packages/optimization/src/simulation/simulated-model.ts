import type {
  CallOptions,
  GenerateRequest,
  GenerateResponse,
  LanguageModel,
  StreamPart,
} from "@weft/provider";
import { ProviderError } from "@weft/provider";

/** What a simulated model answers for one request: the reply text. */
export type Respond = (request: GenerateRequest) => string;

/** The last user message of a request. */
export function userText(request: GenerateRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role === "user") return message.content;
  }
  return "";
}

/** The system message of a request (`""` when none). */
export function systemText(request: GenerateRequest): string {
  return request.messages.find((message) => message.role === "system")?.content ?? "";
}

/**
 * An in-process `LanguageModel` whose reply is a function of the request: the simulation's task models,
 * critic and updater are made of these. Usage is estimated at 4 characters per token; it never waits.
 */
export class SimulatedModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "weft.simulation";
  readonly capabilities = {
    structuredOutput: "none",
    tools: false,
    streaming: false,
    streamingUsage: false,
  } as const;
  /** Requests answered, in order. */
  readonly requests: GenerateRequest[] = [];

  constructor(
    readonly modelId: string,
    private readonly respond: Respond,
  ) {}

  /**
   * The reply text for `request`, recorded in `requests`: what `generate` answers, for serving the model
   * elsewhere (behind `@weft/testing`'s mock server, through its `respond` hook).
   */
  reply(request: GenerateRequest): string {
    this.requests.push(request);
    return this.respond(request);
  }

  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResponse> {
    if (options.signal?.aborted) {
      throw new ProviderError({ kind: "aborted", message: "aborted", provider: this.provider });
    }
    const text = this.reply(request);
    const input = request.messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4), 0);
    return {
      text,
      toolCalls: [],
      reasoning: undefined,
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: input, outputTokens: Math.ceil(text.length / 4) },
      timing: { timeToFirstTokenMs: undefined, totalMs: 0 },
      response: { id: undefined, modelId: this.modelId },
      rateLimit: undefined,
    };
  }

  async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncIterable<StreamPart> {
    const response = await this.generate(request, options);
    yield { type: "response-metadata", response: response.response, rateLimit: undefined };
    if (response.text !== "") yield { type: "text-delta", delta: response.text };
    yield {
      type: "finish",
      finishReason: response.finishReason,
      usage: response.usage,
      timing: response.timing,
    };
  }
}
