import type {
  AssistantMessage,
  GenerateRequest,
  Message,
  ProviderOptions,
  ToolChoice,
  UserMessage,
} from "@weft/provider";
import type { z } from "zod";
import { DirectCallError } from "../errors/direct-call-error.js";
import { directCall, LLM_BRAND } from "../module/brands.js";
import { LeafModule } from "../module/leaf-module.js";
import { isParameter, Parameter } from "../parameter/parameter.js";
import type { Value } from "../value/value.js";
import { parseLLMOutput } from "./llm-output.js";
import { buildLLMRequest } from "./llm-request.js";
import type { Tool } from "./tool.js";

/** A few-shot turn placed between the system prompt and the prompt. */
export type FewShotMessage = UserMessage | AssistantMessage;

/** What an LLMInference produces: the schema's output type, or the reply text. */
export type LLMOutput<S> = S extends z.ZodType ? z.output<S> : string;

/** Options of an {@link LLMInference}. Unset sampling options are not sent (the provider's default). */
export interface LLMInferenceOptions<S extends z.ZodType | undefined = undefined> {
  /** The resource alias that decides which endpoint serves the call (any string). Required. */
  readonly alias: string;
  /**
   * A string (wrapped as a non-learnable Parameter; `""` means none) or a Parameter, used as is, which
   * may be learnable. Registered as the parameter `systemPrompt`. Default: `""`.
   */
  readonly systemPrompt?: string | Parameter<string>;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Few-shot turns, or a Parameter holding them (then registered as `messages`). Default: none. */
  readonly messages?: readonly FewShotMessage[] | Parameter<readonly FewShotMessage[]>;
  /** A zod schema the reply must match; the output is then typed `z.output<S>`. Default: none (text). */
  readonly outputSchema?: S;
  /** The schema's name in the request. Default: `"response"`. */
  readonly outputName?: string;
  /** Tools the model may call; the runtime runs the tool loop. Default: none. */
  readonly tools?: readonly Tool[];
  /** Default: unset (`"auto"` at the provider when tools are given). */
  readonly toolChoice?: ToolChoice;
  readonly providerOptions?: ProviderOptions;
}

/**
 * One call to a language model: a leaf module that only runs through the runtime, which resolves `alias`
 * to an endpoint, builds the request with {@link LLMInference.buildRequest}, runs any tool loop and
 * parses the reply with {@link LLMInference.parseOutput}. Its input is the user prompt (a string); its
 * output the reply text, or the `outputSchema`'s type. Calling it directly throws DirectCallError.
 *
 * @example
 * ```ts
 * const judge = new LLMInference({
 *   alias: "judge",
 *   systemPrompt: new Parameter("Score the answer.", { description: "Judging rubric" }),
 *   outputSchema: z.object({ score: z.number() }),
 * });
 * // in forward(): judge.call(prompt`Answer: ${answer}`) is a Value<{ score: number }>
 * ```
 */
export class LLMInference<S extends z.ZodType | undefined = undefined> extends LeafModule {
  readonly alias: string;
  readonly systemPrompt: Parameter<string> | null;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  readonly topP: number | undefined;
  readonly stop: readonly string[] | undefined;
  readonly seed: number | undefined;
  readonly messages: readonly FewShotMessage[] | Parameter<readonly FewShotMessage[]>;
  readonly outputSchema: S;
  readonly outputName: string;
  readonly tools: readonly Tool[];
  readonly toolChoice: ToolChoice | undefined;
  readonly providerOptions: ProviderOptions | undefined;

  constructor(options: LLMInferenceOptions<S>) {
    super();
    this.alias = options.alias;
    const system = options.systemPrompt ?? "";
    this.systemPrompt =
      typeof system !== "string"
        ? system
        : system === ""
          ? null
          : new Parameter(system, { description: "System prompt for LLM", requiresGrad: false });
    this.temperature = options.temperature;
    this.maxTokens = options.maxTokens;
    this.topP = options.topP;
    this.stop = options.stop;
    this.seed = options.seed;
    this.messages = options.messages ?? [];
    this.outputSchema = options.outputSchema as S;
    this.outputName = options.outputName ?? "response";
    this.tools = options.tools ?? [];
    this.toolChoice = options.toolChoice;
    this.providerOptions = options.providerOptions;
  }

  /** Always throws DirectCallError: an LLMInference runs through `run()` or a bound module. */
  forward(_prompt: string): Promise<LLMOutput<S>> {
    throw new DirectCallError(`LLMInference(${this.alias})`);
  }

  /** The few-shot turns (the Parameter's current value when they are learnable). */
  get fewShot(): readonly FewShotMessage[] {
    const messages = this.messages;
    return isParameter(messages)
      ? (messages as Parameter<readonly FewShotMessage[]>).value
      : (messages as readonly FewShotMessage[]);
  }

  /**
   * The provider request for `prompt`: system message (when the system prompt is non-empty), few-shot
   * turns, the user prompt; set sampling options; tools; a JSON response format when there is an
   * output schema. The runtime adds headers and provider options of its endpoint.
   */
  buildRequest(prompt: string, history: readonly Message[] = []): GenerateRequest {
    return buildLLMRequest(this, prompt, history);
  }

  /**
   * The reply text as this module's output: TEXT without a schema; with one, JSON parsed and validated
   * (STRUCTURED), or an ERROR Value (meta `op`, `issues`) that a structured-output loop can re-ask with.
   */
  parseOutput(text: string): Value<LLMOutput<S>> {
    return parseLLMOutput(this.outputSchema, text) as Value<LLMOutput<S>>;
  }

  /** Direct mode: always DirectCallError, synchronously. */
  override [directCall](): never {
    throw new DirectCallError(`LLMInference(${this.alias})`);
  }
}

Object.defineProperty(LLMInference.prototype, LLM_BRAND, { value: true });
