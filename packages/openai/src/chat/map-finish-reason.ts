import type { FinishReason } from "@weft/provider";

/** Maps a chat-completions `finish_reason` to weft's unified reason, keeping the raw value. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case "stop":
      return { unified: "stop", raw: value };
    case "length":
      return { unified: "length", raw: value };
    case "tool_calls":
    case "function_call":
      return { unified: "tool-calls", raw: value };
    case "content_filter":
      return { unified: "content-filter", raw: value };
    default:
      return { unified: "other", raw: value };
  }
}
