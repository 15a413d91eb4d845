import type {
  GraphNodeInput,
  ItemDoneInput,
  NodeEventInput,
  NodeExpandedInput,
  NodeTimelineInput,
  RunFinishedInput,
  RunGraphInput,
  RunStartedInput,
} from "../input/runtime-events.js";
import { DEFAULT_RUN_ID } from "../model/profile-model.js";
import { isExpansionTemplate, type RecordedExpansion } from "./expanded-graph.js";
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
  /** The node timelines its `run.started` events carried (one per runtime; a batch's items share it). */
  timelines?: NodeTimelineInput[];
}

/**
 * Records execution events: runs as objects (there are few), node events as rows of a {@link NodeLog} (there are
 * several per node). Nodes are put together when a snapshot replays the log.
 */
export class NodeRecorder {
  readonly runs: LiveRun[] = [];
  private readonly runIndex = new Map<string, LiveRun>();
  // Node events of one run come in long stretches, so the previous event's run is nearly always the next one's.
  private lastRun: LiveRun | undefined;

  constructor(readonly log: NodeLog) {}

  runStarted(event: RunStartedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.start ??= event.time;
    if (event.graph && Array.isArray(event.graph.nodes)) {
      run.graph = event.graph;
      run.declared = new Map(event.graph.nodes.map((node) => [node.id, node]));
    }
    const timeline = event.timeline;
    if (isNodeTimeline(timeline)) {
      run.timelines ??= [];
      if (!run.timelines.includes(timeline)) run.timelines.push(timeline);
    }
  }

  runFinished(event: RunFinishedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.end = event.time;
    if (typeof event.status === "string") run.status = event.status;
  }

  /** Registers the item's run (its mark comes from the call log, in arrival order with the resource marks). */
  itemDone(event: ItemDoneInput): void {
    this.run(event.context?.runId ?? DEFAULT_RUN_ID);
  }

  /** Appends a node event of type `code` (see `NODE_EVENT_TYPES`) whose time and node id the router checked. */
  node(event: NodeEventInput, code: number): void {
    this.log.append(code, this.run(event.context.runId).index, event);
  }

  /**
   * Keeps a fan-out's element template (the largest count over a batch's items); the router checked the event's time
   * and node id. A malformed template, or one whose prefix is not the node's id followed by `[*].`, is left out.
   */
  expanded(event: NodeExpandedInput): void {
    const context = event.context;
    const { template, count } = event;
    if (!isExpansionTemplate(template) || template.prefix !== `${context.nodeId}[*].`) return;
    if (!Number.isSafeInteger(count) || count <= 0) return;
    const run = this.run(context.runId);
    run.expansions ??= new Map();
    const known = run.expansions.get(context.nodeId);
    // The template's lists are copied: the profiler keeps no part of an event (see `Profiler.transientEvents`).
    const kept = { prefix: template.prefix, nodes: [...template.nodes], outputs: [...template.outputs] };
    if (known === undefined || known.count < count)
      run.expansions.set(context.nodeId, { template: kept, count });
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

/** Whether `value` reads like a node timeline (the profiler reads it only at snapshot time). */
function isNodeTimeline(value: unknown): value is NodeTimelineInput {
  if (typeof value !== "object" || value === null) return false;
  const timeline = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(timeline.size) &&
    typeof timeline.lastTime === "number" &&
    ["context", "kind", "alias", "queuedAt", "startedAt", "finishedAt"].every(
      (name) => typeof timeline[name] === "function",
    )
  );
}
