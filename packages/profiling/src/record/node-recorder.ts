import type {
  GraphNodeInput,
  ItemDoneInput,
  NodeEventInput,
  NodeExpandedInput,
  RunFinishedInput,
  RunGraphInput,
  RunStartedInput,
} from "../input/runtime-events.js";
import { DEFAULT_RUN_ID } from "../model/profile-model.js";
import { type EventBounds, isEventTime } from "./event-bounds.js";
import { isExpansionTemplate, type RecordedExpansion } from "./expanded-graph.js";
import type { LiveMarks } from "./live-marks.js";
import type { NodeLog } from "./node-log.js";

/** A run as recorded. */
export interface LiveRun {
  readonly runId: string;
  /** Its position in the recorder's run list (the node log's `run` column). */
  readonly index: number;
  start?: number;
  end?: number;
  status?: string;
  graph?: RunGraphInput;
  /** The graph's nodes by id, for the fields node events leave out. */
  declared?: ReadonlyMap<string, GraphNodeInput>;
  /** The run's fan-outs that announced their element template, by fan-out node id. */
  expansions?: Map<string, RecordedExpansion>;
}

/**
 * Records execution events: runs as objects (there are few), node events as rows of a {@link NodeLog} (there are
 * several per node), and `item.done` as a mark. Nodes are put together when a snapshot replays the log.
 */
export class NodeRecorder {
  readonly runs: LiveRun[] = [];
  private readonly runIndex = new Map<string, LiveRun>();
  // Node events of one run come in long stretches, so the previous event's run is nearly always the next one's.
  private lastRun: LiveRun | undefined;

  constructor(
    private readonly marks: LiveMarks,
    readonly log: NodeLog,
    private readonly bounds: EventBounds,
  ) {}

  runStarted(event: RunStartedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.start ??= event.time;
    if (event.graph && Array.isArray(event.graph.nodes)) {
      run.graph = event.graph;
      run.declared = new Map(event.graph.nodes.map((node) => [node.id, node]));
    }
  }

  runFinished(event: RunFinishedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.end = event.time;
    if (typeof event.status === "string") run.status = event.status;
  }

  itemDone(event: ItemDoneInput): void {
    const runId = event.context?.runId ?? DEFAULT_RUN_ID;
    this.run(runId);
    this.marks.add("item done", "item", event.time, undefined, runId, { itemId: event.context?.itemId });
  }

  /**
   * Appends a node event of type `code` (see `NODE_EVENT_TYPES`) and counts it; false when its time is not a
   * finite number or it names no node.
   */
  node(event: NodeEventInput, code: number): boolean {
    const time = event.time;
    if (!isEventTime(time)) return false;
    const context = event.context;
    if (typeof context?.nodeId !== "string") return false;
    this.bounds.note(time);
    this.log.append(code, this.run(context.runId).index, event);
    return true;
  }

  /**
   * Counts a fan-out's expansion and keeps its element template (the largest count over a batch's items); false
   * when its time is not a finite number or it names no node. A malformed template, or one whose prefix is not the
   * node's id followed by `[*].`, is left out.
   */
  expanded(event: NodeExpandedInput): boolean {
    const time = event.time;
    if (!isEventTime(time)) return false;
    const context = event.context;
    if (typeof context?.nodeId !== "string") return false;
    this.bounds.note(time);
    const { template, count } = event;
    if (!isExpansionTemplate(template) || template.prefix !== `${context.nodeId}[*].`) return true;
    if (!Number.isSafeInteger(count) || count <= 0) return true;
    const run = this.run(context.runId);
    run.expansions ??= new Map();
    const known = run.expansions.get(context.nodeId);
    // The template's lists are copied: the profiler keeps no part of an event (see `Profiler.transientEvents`).
    const kept = { prefix: template.prefix, nodes: [...template.nodes], outputs: [...template.outputs] };
    if (known === undefined || known.count < count)
      run.expansions.set(context.nodeId, { template: kept, count });
    return true;
  }

  private run(runId: string | undefined): LiveRun {
    const id = runId ?? DEFAULT_RUN_ID;
    const last = this.lastRun;
    if (last !== undefined && last.runId === id) return last;
    let run = this.runIndex.get(id);
    if (!run) {
      run = { runId: id, index: this.runs.length };
      this.runIndex.set(id, run);
      this.runs.push(run);
    }
    this.lastRun = run;
    return run;
  }
}
