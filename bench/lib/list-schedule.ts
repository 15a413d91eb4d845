/** A task for the virtual-time list scheduler: its latency, what it waits for, and its queue key. */
export interface SimTask {
  readonly latency: number;
  /** Index of the task it waits for, if any. */
  readonly after: number | undefined;
  /** Lower starts first among ready tasks (then the lower index). */
  readonly key: number;
}

/**
 * Makespan of a greedy list schedule in virtual time, with zero overhead: it never idles a slot while a task is
 * ready. No scheduler that does not know latencies in advance can do better on average, so it is the ceiling
 * an online scheduler's efficiency is compared against (T_lb itself is not reachable: the last calls' tail).
 */
export function greedyMakespan(tasks: readonly SimTask[], slots: number): number {
  const done = new Array<number>(tasks.length).fill(Number.POSITIVE_INFINITY);
  const running: { end: number; index: number }[] = [];
  const started = new Set<number>();
  let now = 0;
  while (started.size < tasks.length || running.length > 0) {
    const ready = tasks
      .map((task, index) => ({ task, index }))
      .filter(
        ({ task, index }) =>
          !started.has(index) && (task.after === undefined || (done[task.after] as number) <= now),
      )
      .sort((a, b) => a.task.key - b.task.key || a.index - b.index);
    for (const { task, index } of ready) {
      if (running.length >= slots) break;
      started.add(index);
      running.push({ end: now + task.latency, index });
    }
    running.sort((a, b) => a.end - b.end);
    const next = running.shift();
    if (!next) break;
    now = next.end;
    done[next.index] = now;
  }
  return now;
}
