import type { TraceEvent } from "./trace-types.js";
import type { TraceIssue } from "./validate-trace.js";

interface Indexed {
  readonly event: TraceEvent;
  readonly index: number;
}

interface Slice {
  readonly start: number;
  readonly end: number;
  readonly index: number;
}

/** The pairing rules: B/E per thread, slice nesting, b/e per category and id, flow order, names. */
export function checkPairs(events: readonly Indexed[], issues: TraceIssue[], requireNames: boolean): void {
  const open = new Map<string, Indexed[]>();
  const slices = new Map<string, Slice[]>();
  const asyncOpen = new Map<string, Indexed[]>();
  const flows = new Map<string, { started: number; last: number; ended: boolean }>();
  const named = new Set<string>();
  const used = new Set<string>();
  const threads = new Set<string>();
  const addSlice = (thread: string, slice: Slice) => {
    const list = slices.get(thread);
    if (list) list.push(slice);
    else slices.set(thread, [slice]);
  };
  for (const { event, index } of events) {
    const thread = `${event.pid}:${event.tid}`;
    const issue = (message: string) => issues.push({ index, message });
    if (event.ph === "M") {
      named.add(event.name === "process_name" ? `p${event.pid}` : `t${thread}`);
      continue;
    }
    used.add(`p${event.pid}`);
    switch (event.ph) {
      case "B": {
        threads.add(thread);
        const stack = open.get(thread);
        if (stack) stack.push({ event, index });
        else open.set(thread, [{ event, index }]);
        break;
      }
      case "E": {
        const begin = open.get(thread)?.pop();
        if (!begin) issue(`E without an open B on thread ${thread}`);
        else if (event.name !== begin.event.name) issue(`E "${event.name}" closes B "${begin.event.name}"`);
        else if (event.ts < begin.event.ts) issue(`E before its B on thread ${thread}`);
        else addSlice(thread, { start: begin.event.ts, end: event.ts, index: begin.index });
        break;
      }
      case "X":
        threads.add(thread);
        addSlice(thread, { start: event.ts, end: event.ts + (event.dur ?? 0), index });
        break;
      case "b":
      case "e": {
        const key = `${event.cat}\u0000${event.id}`;
        const stack = asyncOpen.get(key) ?? [];
        asyncOpen.set(key, stack);
        if (event.ph === "b") stack.push({ event, index });
        else {
          const begin = stack.pop();
          if (!begin) issue(`e without an open b for id ${event.id}`);
          else if (event.name !== begin.event.name) issue(`e "${event.name}" closes b "${begin.event.name}"`);
          else if (event.ts < begin.event.ts) issue(`e before its b for id ${event.id}`);
        }
        break;
      }
      case "s":
      case "t":
      case "f": {
        const key = `${event.cat}\u0000${event.id}`;
        const flow = flows.get(key);
        if (event.ph === "s") {
          if (flow) issue(`second flow start for id ${event.id}`);
          else flows.set(key, { started: event.ts, last: event.ts, ended: false });
        } else if (!flow) issue(`flow ${event.ph} before its start for id ${event.id}`);
        else if (flow.ended) issue(`flow ${event.ph} after its end for id ${event.id}`);
        else if (event.ts < flow.last)
          issue(`flow ${event.ph} earlier than the previous step for id ${event.id}`);
        else {
          flow.last = event.ts;
          flow.ended = event.ph === "f";
        }
        break;
      }
      default:
        break;
    }
  }
  for (const [thread, stack] of open) {
    for (const begin of stack)
      issues.push({ index: begin.index, message: `B never ended on thread ${thread}` });
  }
  for (const stack of asyncOpen.values()) {
    for (const begin of stack)
      issues.push({ index: begin.index, message: `b never ended for id ${begin.event.id}` });
  }
  for (const [thread, list] of slices) checkNesting(thread, list, issues);
  if (!requireNames) return;
  for (const process of used) {
    if (!named.has(process))
      issues.push({ index: -1, message: `process ${process.slice(1)} has no process_name` });
  }
  for (const thread of threads) {
    if (!named.has(`t${thread}`)) issues.push({ index: -1, message: `thread ${thread} has no thread_name` });
  }
}

/** Slices on one thread must nest: none may start inside another and end after it. */
function checkNesting(thread: string, list: Slice[], issues: TraceIssue[]): void {
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Slice[] = [];
  for (const slice of sorted) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= slice.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && slice.end > parent.end) {
      issues.push({
        index: slice.index,
        message: `slice overlaps slice at ${parent.index} on thread ${thread}`,
      });
      continue;
    }
    stack.push(slice);
  }
}
