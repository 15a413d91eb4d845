import type { Usage } from "@weft/provider";
import type { NodeKind, RuntimeEventContext } from "../events/runtime-events.js";
import type { StateNode } from "../state/execution-state.js";

/** What a node's execution reports beside its result (LLM nodes: usage, cost, the calls they made). */
export interface NodeDetails {
  readonly usage?: Usage;
  readonly costUsd?: number;
  /** Provider calls made (re-asks and tool steps included). */
  readonly calls?: number;
  readonly timeToFirstTokenMs?: number;
  /** The resolved inputs the node ran on (record mode). */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** Anything else worth keeping on the node's result (the full LLM response, tool steps...). */
  readonly [key: string]: unknown;
}

/** A node finished with a value. `skip` lists route branch nodes to skip (a route node's choice). */
export interface ValueOutcome<R> {
  readonly value: R;
  readonly details?: NodeDetails;
  readonly skip?: readonly string[];
}

/** Nodes added by an expansion, and the ones among them its node waits for. */
export interface ExpansionChunk<R> {
  readonly nodes: readonly ExecNode<R>[];
  readonly waitFor: readonly string[];
}

/**
 * A fan-out node expands: `nodes` are added to the graph, the node waits for `waitFor`, then `gather` runs
 * (with the results of `waitFor` available) to produce its own result.
 */
export interface ExpandOutcome<R> {
  readonly expand: ExpansionChunk<R> & {
    /** How many elements the fan-out has (for events). */
    readonly count: number;
    readonly gather: (context: NodeContext<R>) => NodeOutcome<R> | Promise<NodeOutcome<R>>;
    /**
     * When the nodes are copies of one template, each `groupSize` long and in the same order, ranks are computed
     * once for the first copy and reused by position. Default: 0 (rank every node).
     */
    readonly groupSize?: number;
    /**
     * The rest of a large expansion, asked for chunk by chunk in later turns of the event loop (the node waits
     * for every chunk), so the first elements run while the others are being built. Returns `undefined` when
     * there is no more. Default: none (`nodes` is everything).
     */
    readonly more?: () => ExpansionChunk<R> | undefined;
    /**
     * How element ids are formed, so events can describe the element subgraph once: the first `groupSize` nodes
     * are element 0's, their ids start with `first` (`map_3[0].`), and `template` (`map_3[*].`) is that prefix
     * with `*` in place of the index. Default: none (events carry no template).
     */
    readonly elementPrefix?: { readonly first: string; readonly template: string };
  };
}

/** What a node's `execute` returns. */
export type NodeOutcome<R> = ValueOutcome<R> | ExpandOutcome<R>;

/** What a node's `execute` is given. */
export interface NodeContext<R> {
  readonly node: ExecNode<R>;
  /** 0 for the first attempt, then one more per retry. */
  readonly attempt: number;
  /** The node's critical-path rank (0 in FIFO mode): higher is more urgent. */
  readonly rank: number;
  /** Fires when the run is aborted or the node's timeout passes; pass it to everything that waits. */
  readonly signal: AbortSignal | undefined;
  /** The result of a completed node (a dependency). Throws for a node that has none. */
  resultOf(id: string): R;
}

/**
 * A node the runtime can execute, whatever produced it: the tracing adapter turns each graph node into one.
 * `execute` does the node's work on its dependencies' results.
 */
export interface ExecNode<R> extends StateNode {
  readonly kind: NodeKind;
  /** Dotted path of the module the node belongs to (`analyzer.summarize`), `""` for the root. */
  readonly modulePath: string;
  /** The alias of an LLM node. */
  readonly alias?: string;
  /** User priority: lower runs first, before any critical-path ordering. Default: 0. */
  readonly priority?: number;
  /**
   * Runs at once when ready, without taking a concurrency slot (input, data access, op and render nodes:
   * cheap, synchronous work). Default: false.
   */
  readonly inline?: boolean;
  /** What the node was made from (the traced graph node), for records and reports. */
  readonly source?: unknown;
  /** Estimated cost for critical-path ranks. Default: the runtime's estimate for the node's kind. */
  readonly cost?: number;
  /**
   * The context of the node's runtime events. The runtime writes it when it first builds an event of the node
   * (for the node's run and item) and reuses it after: leave it unset, and do not make it read-only (a frozen node
   * throws). Default: none.
   */
  eventContext?: RuntimeEventContext | undefined;
  /** The node's row in the run's node timeline (see `NodeTimeline`), written by the runtime like `eventContext`. */
  timelineRow?: number | undefined;
  execute(context: NodeContext<R>): NodeOutcome<R> | Promise<NodeOutcome<R>>;
}

/** Whether an outcome is a fan-out expansion. */
export function isExpandOutcome<R>(outcome: NodeOutcome<R>): outcome is ExpandOutcome<R> {
  return "expand" in outcome;
}
