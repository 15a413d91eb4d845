/** Whether `value` is a usable event time: a finite number. */
export function isEventTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * How many events a recording holds and the first and latest of their times. The times live in a typed array,
 * because a number field written for every event would box a heap number each time. Each recorder reads its own
 * events' `time` and passes it here, so no property load of the recording's hot path sees every event type
 * (such a load goes megamorphic: a slow, shared lookup per event).
 */
export class EventBounds {
  private readonly times = new Float64Array(2);
  /** Events counted so far. */
  count = 0;

  /** Counts an event at `time` (a finite number). */
  note(time: number): void {
    const times = this.times;
    if (this.count === 0) {
      times[0] = time;
      times[1] = time;
    } else if (time > (times[1] as number)) {
      times[1] = time;
    }
    this.count += 1;
  }

  /** The first counted event's time (0 before any). */
  get first(): number {
    return this.count === 0 ? 0 : (this.times[0] as number);
  }

  /** The latest time counted (0 before any). */
  get last(): number {
    return this.times[1] as number;
  }
}
