import type { RuntimeEventContext } from "../events/runtime-events.js";

/** The LLM call a sample id is chosen for. */
export interface SampleCall {
  readonly runId: string;
  /** The item's index in a batch or stream; `undefined` for a single run. */
  readonly itemIndex: number | undefined;
  readonly nodeId: string;
  /** The calling module's path in the module tree (`""` for the root). */
  readonly modulePath: string;
  readonly alias: string;
}

/**
 * The sample id of an LLM node's calls: part of the response cache key only, so a new id asks for a fresh
 * sample at temperature > 0 while the same id replays the cached one. A string applies to every call of the
 * run; a function is asked once per node (re-asks and tool steps of the node share its id), and `undefined`
 * from it means no id.
 */
export type SampleId = string | ((call: SampleCall) => string | undefined);

/** The sample id for one node's calls, or `undefined` when none is set. */
export function resolveSampleId(
  sampleId: SampleId | undefined,
  context: RuntimeEventContext,
  alias: string,
): string | undefined {
  if (sampleId === undefined || typeof sampleId === "string") return sampleId;
  return sampleId({
    runId: context.runId,
    itemIndex: context.itemId === undefined ? undefined : Number(context.itemId),
    nodeId: context.nodeId ?? "",
    modulePath: context.modulePath ?? "",
    alias,
  });
}
