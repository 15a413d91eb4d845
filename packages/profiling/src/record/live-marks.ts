/** A mark as recorded: time on the runtime clock. */
export interface LiveMark {
  readonly name: string;
  readonly category: string;
  readonly time: number;
  readonly alias: string | undefined;
  readonly runId: string | undefined;
  readonly args: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Anything that counts the node events recorded so far (the node log). */
export interface EventCursor {
  readonly size: number;
}

/**
 * The point events of a recording, in arrival order. Each remembers how many node events had been recorded
 * before it, so the node marks a snapshot derives from the node log fall into their arrival places.
 */
export class LiveMarks {
  readonly list: LiveMark[] = [];
  /** `nodeEventsBefore[i]`: the node log's size when `list[i]` was recorded. */
  readonly nodeEventsBefore: number[] = [];

  constructor(private readonly nodeEvents: EventCursor) {}

  push(mark: LiveMark): void {
    this.list.push(mark);
    this.nodeEventsBefore.push(this.nodeEvents.size);
  }

  add(
    name: string,
    category: string,
    time: number,
    alias: string | undefined,
    runId: string | undefined,
    args: Readonly<Record<string, string | number | boolean | undefined>>,
  ): void {
    this.push({ name, category, time, alias, runId, args });
  }
}
