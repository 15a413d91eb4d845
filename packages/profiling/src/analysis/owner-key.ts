import { DEFAULT_RUN_ID } from "../model/profile-model.js";

/** The key of a node within a profile: run, batch item and node id. */
export function ownerKey(runId: string | undefined, itemId: string | undefined, nodeId: string): string {
  return `${runId ?? DEFAULT_RUN_ID}\u0000${itemId ?? ""}\u0000${nodeId}`;
}
