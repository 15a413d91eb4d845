import type { EventContext } from "@weft/core";
import { RefColumn } from "./ref-column.js";
import { StringCodes } from "./string-codes.js";
import { grown } from "./typed-columns.js";

/** The node event types as stored in {@link NodeLog.type}, in the order of `NODE_EVENT_TYPES`. */
export const NODE_QUEUED = 0;
export const NODE_STARTED = 1;
export const NODE_FINISHED = 2;
export const NODE_FAILED = 3;
export const NODE_CANCELLED = 4;
export const NODE_SKIPPED = 5;
export const NODE_RETRIED = 6;

/** Each code's event type; `NODE_EVENT_TYPES[NODE_SKIPPED]` is `"node.skipped"`. */
export const NODE_EVENT_TYPES = [
  "node.queued",
  "node.started",
  "node.finished",
  "node.failed",
  "node.cancelled",
  "node.skipped",
  "node.retried",
] as const;

/** The fields of a node event the log keeps. */
export interface NodeLogEvent {
  readonly time: number;
  readonly context: EventContext & { readonly nodeId: string };
  readonly kind?: string | undefined;
  readonly alias?: string | undefined;
}

const INITIAL_CAPACITY = 4096;

/**
 * The node events of a recording as columns, in arrival order. A 100k-node run sends about 230k node events, so
 * recording one is an append: times, types, runs and the codes of kind and alias go to typed arrays (which the
 * garbage collector neither scans nor copies), and the event's context (its node, item and module path) is kept
 * by reference: weft's runtime gives all events of a node one context object, so this keeps one per node.
 * Nothing is looked up or keyed while recording; nodes are put together when a snapshot replays the log
 * (`replayNodes`).
 */
export class NodeLog {
  size = 0;
  time = new Float64Array(INITIAL_CAPACITY);
  /** `NODE_QUEUED` ... `NODE_RETRIED`. */
  type = new Uint8Array(INITIAL_CAPACITY);
  /** Index of the event's run in the recorder's run list. */
  run = new Int32Array(INITIAL_CAPACITY);
  /** Codes of `kinds` and `aliases`. */
  kind = new Uint32Array(INITIAL_CAPACITY);
  alias = new Uint32Array(INITIAL_CAPACITY);
  readonly kinds = new StringCodes();
  readonly aliases = new StringCodes();
  /** Each event's context; its `nodeId` is a string. */
  readonly context = new RefColumn<EventContext & { readonly nodeId: string }>();

  /**
   * Appends one event of type `type` (a `NODE_*` code) of run `run`. The event is passed whole: its time goes from
   * the event straight to the time column, where passing it as a number argument would box it in a heap number.
   */
  append(type: number, run: number, event: NodeLogEvent): void {
    const index = this.size;
    if (index === this.time.length) this.grow();
    this.size = index + 1;
    this.time[index] = event.time;
    this.type[index] = type;
    this.run[index] = run;
    this.kind[index] = this.kinds.code(event.kind);
    this.alias[index] = this.aliases.code(event.alias);
    this.context.push(event.context);
  }

  private grow(): void {
    const rows = this.time.length * 2;
    this.time = grown(this.time, rows);
    this.type = grown(this.type, rows);
    this.run = grown(this.run, rows);
    this.kind = grown(this.kind, rows);
    this.alias = grown(this.alias, rows);
  }
}
