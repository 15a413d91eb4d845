import type { FinishReason } from "@weft/provider";

/** Maps Anthropic's `stop_reason` to weft's unified reason, keeping the raw value. */
export function mapAnthropicStopReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case "end_turn":
    case "stop_sequence":
      return { unified: "stop", raw: value };
    case "max_tokens":
    case "model_context_window_exceeded":
      return { unified: "length", raw: value };
    case "tool_use":
      return { unified: "tool-calls", raw: value };
    case "refusal":
      return { unified: "content-filter", raw: value };
    default:
      return { unified: "other", raw: value };
  }
}
