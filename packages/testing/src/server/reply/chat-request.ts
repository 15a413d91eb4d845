import type { JSONSchema } from "@weft/provider";

/** A tool the request offers, by name and input schema. */
export interface ChatTool {
  readonly name: string;
  readonly schema: JSONSchema;
}

/** How the request lets the model use its tools. */
export type ChatToolChoice = "auto" | "none" | "required" | { readonly name: string };

/** One piece of the prompt, in order, for the prompt cache: its tokens and whether a cache breakpoint ends it. */
export interface PromptSegment {
  readonly key: string;
  readonly tokens: number;
  readonly breakpoint: boolean;
}

/**
 * A validated chat request in protocol-neutral form: everything the reply planner, the limits and the
 * prompt cache need, whichever wire protocol it came in.
 */
export interface ChatRequest {
  readonly model: string;
  readonly stream: boolean;
  /** OpenAI: `stream_options.include_usage`; Anthropic streams always carry usage. */
  readonly streamUsage: boolean;
  readonly maxTokens: number | undefined;
  readonly tools: readonly ChatTool[];
  readonly toolChoice: ChatToolChoice;
  readonly parallelToolCalls: boolean;
  /** The last message is a tool result, so the model answers in text. */
  readonly lastIsToolResult: boolean;
  /** The schema the reply must match (native JSON schema, guided JSON, Ollama `format`, ...). */
  readonly responseSchema: JSONSchema | undefined;
  /** JSON requested without a schema (JSON mode); the planner looks for a schema in the prompt. */
  readonly jsonMode: boolean;
  /** Reasoning in the reply: none, sent as text (`reasoning_content`, thinking blocks), or hidden but counted. */
  readonly reasoning: "none" | "visible" | "hidden";
  /** The prompt's text, for finding a schema in JSON mode. */
  readonly promptText: string;
  readonly segments: readonly PromptSegment[];
  readonly inputTokens: number;
  /** What the reply depends on: the body without its transport fields (`stream`, `stream_options`). */
  readonly identity: string;
}
