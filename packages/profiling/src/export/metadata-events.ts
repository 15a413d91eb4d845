import type { TraceLayout } from "../layout/trace-layout.js";
import { RUN_TID } from "../layout/trace-layout.js";
import type { TraceEvent } from "../trace/trace-types.js";

function meta(name: string, pid: number, tid: number, args: Record<string, unknown>): TraceEvent {
  return { name, cat: "__metadata", ph: "M", ts: 0, pid, tid, args };
}

/** `process_name`, `process_sort_index`, `thread_name` and `thread_sort_index` for every process and thread. */
export function metadataEvents(layout: TraceLayout): TraceEvent[] {
  const events: TraceEvent[] = [];
  if (layout.globalMarks.length > 0) {
    events.push(
      meta("process_name", 0, 0, { name: "weft" }),
      meta("process_sort_index", 0, 0, { sort_index: 0 }),
    );
  }
  for (const process of layout.aliases) {
    events.push(
      meta("process_name", process.pid, 0, { name: process.alias }),
      meta("process_sort_index", process.pid, 0, { sort_index: process.pid }),
    );
    for (const lane of process.lanes) {
      events.push(
        meta("thread_name", process.pid, lane.tid, { name: lane.name }),
        meta("thread_sort_index", process.pid, lane.tid, { sort_index: lane.tid }),
      );
    }
  }
  for (const process of layout.runs) {
    events.push(
      meta("process_name", process.pid, 0, { name: process.name }),
      meta("process_sort_index", process.pid, 0, { sort_index: process.pid }),
      meta("thread_name", process.pid, RUN_TID, { name: "run" }),
      meta("thread_sort_index", process.pid, RUN_TID, { sort_index: RUN_TID }),
    );
    for (const lane of process.lanes) {
      events.push(
        meta("thread_name", process.pid, lane.tid, { name: lane.name }),
        meta("thread_sort_index", process.pid, lane.tid, { sort_index: lane.tid }),
      );
    }
  }
  return events;
}
