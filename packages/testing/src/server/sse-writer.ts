/** One server-sent event; `tokens` is the output it carries, for pacing (0 for bookkeeping events). */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
  readonly tokens: number;
}

/** The wire form of an event: optional `event:` line, one `data:` line, blank line. */
export function formatSse(event: SseEvent): string {
  return event.event === undefined
    ? `data: ${event.data}\n\n`
    : `event: ${event.event}\ndata: ${event.data}\n\n`;
}

/** Splits text into pieces of at most `size` characters (tool-call argument fragments). */
export function fragments(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
