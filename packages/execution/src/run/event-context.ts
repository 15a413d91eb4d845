import type { RuntimeEventContext } from "../events/runtime-events.js";

/** The node fields an event context is made from, and the slot it is kept in. */
export interface ContextNode {
  readonly id: string;
  readonly modulePath: string;
  eventContext?: RuntimeEventContext | undefined;
}

/**
 * The context every event of `node` in this run and item carries, built once per node and kept on it: a node's
 * queued, started and finished events and its LLM call's events then share one object, so a subscriber that
 * keeps contexts keeps one per node, and emitting allocates none.
 */
export function nodeEventContext(
  node: ContextNode,
  runId: string,
  itemId: string | undefined,
): RuntimeEventContext {
  const kept = node.eventContext;
  if (kept !== undefined && kept.runId === runId && kept.itemId === itemId) return kept;
  const context: RuntimeEventContext =
    itemId === undefined
      ? { runId, nodeId: node.id, modulePath: node.modulePath }
      : { runId, itemId, nodeId: node.id, modulePath: node.modulePath };
  node.eventContext = context;
  return context;
}
