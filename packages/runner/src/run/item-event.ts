import type { DatasetItemEvent } from "../events/runner-events.js";
import type { FolderEntry } from "../folder/folder-inputs.js";

/** The `dataset.item` event of an entry written to the run folder. */
export function itemEvent(entry: FolderEntry, time: number): DatasetItemEvent {
  return {
    type: "dataset.item",
    time,
    itemId: entry.status === "invalid" ? entry.id : entry.itemId,
    line: entry.line,
    status: entry.status,
    rows: entry.status === "ok" ? entry.rows.length : 0,
    ...(entry.status === "error" ? { errorKind: entry.kind } : {}),
    ...(entry.status === "invalid" ? { errorKind: entry.reason } : {}),
    ...(entry.status === "error" && entry.node !== undefined ? { node: entry.node } : {}),
  };
}
