/** A mark as recorded: time on the runtime clock. */
export interface LiveMark {
  readonly name: string;
  readonly category: string;
  readonly time: number;
  readonly alias: string | undefined;
  readonly runId: string | undefined;
  readonly args: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** The point events of a recording, in arrival order. */
export class LiveMarks {
  readonly list: LiveMark[] = [];

  add(
    name: string,
    category: string,
    time: number,
    alias: string | undefined,
    runId: string | undefined,
    args: Readonly<Record<string, string | number | boolean | undefined>>,
  ): void {
    this.list.push({ name, category, time, alias, runId, args });
  }
}
