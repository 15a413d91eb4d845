import type { GenerateResponse, StreamPart } from "@weft/provider";

// A word with the whitespace after it: streams look like a real model's, and joining them restores the text.
const WORD = /\S+\s*|\s+/g;
const TOOL_INPUT_CHUNK = 16;

/** Splits text into word-sized deltas that concatenate back to `text`. */
export function splitIntoDeltas(text: string): string[] {
  return text.match(WORD) ?? [];
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The stream parts that carry `response`, without the final `finish` part (its timing is only known when
 * the stream ends): `response-metadata`, reasoning and text deltas, then each tool call as start, input
 * fragments and the whole call.
 */
export function responseToParts(response: GenerateResponse): StreamPart[] {
  const parts: StreamPart[] = [
    { type: "response-metadata", response: response.response, rateLimit: response.rateLimit },
  ];
  for (const delta of splitIntoDeltas(response.reasoning ?? ""))
    parts.push({ type: "reasoning-delta", delta });
  for (const delta of splitIntoDeltas(response.text)) parts.push({ type: "text-delta", delta });
  for (const toolCall of response.toolCalls) {
    const { toolCallId, toolName } = toolCall;
    parts.push({ type: "tool-call-start", toolCallId, toolName });
    for (const inputDelta of chunks(toolCall.input, TOOL_INPUT_CHUNK)) {
      parts.push({ type: "tool-call-delta", toolCallId, inputDelta });
    }
    parts.push({ type: "tool-call", toolCall });
  }
  return parts;
}
