// A yardstick for `profiling-variants`, not a profiler: the least an event-fed recorder can do and still keep a
// run's node times and calls. It skips everything the real Profiler adds (checks, string codes, bounds, the alias,
// endpoint and model of a call), so the gap between the two prices those additions.

const FIRST_ROWS = 1024;
const MAX_ROWS = 32_768;
const FIRST_NUMBERS = 8192;
const MAX_NUMBERS = 131_072;

interface LooseEvent {
  readonly type: string;
  readonly time: number;
  readonly context?: unknown;
  readonly callId?: string;
  readonly slot?: number;
  readonly attempt?: number;
  readonly costUsd?: number;
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  readonly timings?: { readonly serviceMs?: number };
}

/** Node events as time, type code and context in chunked columns; calls as a few numbers and their references. */
export class LeanRecorder {
  readonly transientEvents = true;
  private times = new Float64Array(FIRST_ROWS);
  private types = new Uint8Array(FIRST_ROWS);
  private contexts: unknown[] = new Array(FIRST_ROWS);
  private rows = 0;
  private numbers = new Float64Array(FIRST_NUMBERS);
  private numberCount = 0;
  private refs: unknown[] = new Array(FIRST_NUMBERS / 2);
  private refCount = 0;
  /** Full chunks, kept so the recording stays alive as a real one would. */
  readonly kept: unknown[] = [];

  onEvent(event: LooseEvent): void {
    switch (event.type) {
      case "node.started":
        this.node(1, event);
        return;
      case "node.finished":
        this.node(2, event);
        return;
      case "node.queued":
        this.node(0, event);
        return;
      case "call.started":
        this.call(event, true);
        return;
      case "call.finished":
        this.call(event, false);
        return;
      default:
        return;
    }
  }

  private node(type: number, event: LooseEvent): void {
    let at = this.rows;
    if (at === this.times.length) {
      const size = Math.min(MAX_ROWS, at * 2);
      this.kept.push(this.times, this.types, this.contexts);
      this.times = new Float64Array(size);
      this.types = new Uint8Array(size);
      this.contexts = new Array(size);
      at = 0;
    }
    this.times[at] = event.time;
    this.types[at] = type;
    this.contexts[at] = event.context;
    this.rows = at + 1;
  }

  private call(event: LooseEvent, started: boolean): void {
    let at = this.numberCount;
    if (at + 6 > this.numbers.length) {
      this.kept.push(this.numbers);
      this.numbers = new Float64Array(Math.min(MAX_NUMBERS, this.numbers.length * 2));
      at = 0;
    }
    let ref = this.refCount;
    if (ref + 2 > this.refs.length) {
      this.kept.push(this.refs);
      this.refs = new Array(Math.min(MAX_NUMBERS / 2, this.refs.length * 2));
      ref = 0;
    }
    const numbers = this.numbers;
    numbers[at] = started ? 1 : 2;
    numbers[at + 1] = event.time;
    if (started) {
      numbers[at + 2] = event.slot ?? Number.NaN;
      numbers[at + 3] = event.attempt ?? Number.NaN;
      this.numberCount = at + 4;
      this.refs[ref] = event.callId;
      this.refs[ref + 1] = event.context;
      this.refCount = ref + 2;
      return;
    }
    numbers[at + 2] = event.timings?.serviceMs ?? Number.NaN;
    numbers[at + 3] = event.usage?.inputTokens ?? Number.NaN;
    numbers[at + 4] = event.usage?.outputTokens ?? Number.NaN;
    numbers[at + 5] = event.costUsd ?? Number.NaN;
    this.numberCount = at + 6;
    this.refs[ref] = event.callId;
    this.refCount = ref + 1;
  }
}
