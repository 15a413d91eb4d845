/** Default alias of the backward (critic) model of textual-gradient propagation. */
export const BACKWARD_ALIAS = "optimizer/backward";

/**
 * Routing propagation (plait): feedback travels along the graph's edges unchanged and is turned into
 * parameter feedback at the LLM nodes (their system prompt, with the call's input and output as context).
 * No LLM calls.
 */
export interface RoutingPropagation {
  readonly kind: "routing";
}

/** Options of {@link textualGradients}. */
export interface TextualGradientOptions {
  /** The alias of the critic model. Default: `"optimizer/backward"`. */
  readonly alias?: string;
  /** Sampling temperature of critiques. Default: unset (the provider's). */
  readonly temperature?: number;
  /** Output bound of each critique. Default: unset. */
  readonly maxTokens?: number;
  /** Longest text (characters) shown for a system prompt, input, output or variable. Default: 4,000. */
  readonly maxValueChars?: number;
  /** Replaces the critic's system prompt. Default: weft's (see `CRITIC_SYSTEM_PROMPT`). */
  readonly systemPrompt?: string;
}

/**
 * Textual-gradient propagation (TextGrad): at each LLM node a critic model reads the call (system prompt,
 * input, output) and the feedback its output received downstream, and writes separate feedback for each
 * learnable input of the call: its learnable system prompt (and other learnable parameters it uses), and
 * each upstream step whose output reached its prompt. Feedback on an upstream step becomes that step's
 * downstream feedback, so blame is assigned across stages. Other nodes route as in {@link RoutingPropagation}.
 */
export interface TextualGradientPropagation
  extends Required<Omit<TextualGradientOptions, "temperature" | "maxTokens" | "systemPrompt">> {
  readonly kind: "textual";
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  readonly systemPrompt: string | undefined;
}

/** How feedback travels backwards through a graph. */
export type Propagation = RoutingPropagation | TextualGradientPropagation;

/** {@link RoutingPropagation}: the default. */
export function routing(): RoutingPropagation {
  return { kind: "routing" };
}

/** {@link TextualGradientPropagation} with `options` (defaults stated there). */
export function textualGradients(options: TextualGradientOptions = {}): TextualGradientPropagation {
  return {
    kind: "textual",
    alias: options.alias ?? BACKWARD_ALIAS,
    maxValueChars: options.maxValueChars ?? 4_000,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    systemPrompt: options.systemPrompt,
  };
}
