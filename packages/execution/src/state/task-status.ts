/**
 * The states of a node in a run (plait-spec 7.1, plus `skipped` for routing):
 *
 * - `blocked`: waiting on at least one dependency;
 * - `pending`: ready, waiting in the queue for a slot;
 * - `in_progress`: running (or between attempts of a retry);
 * - `completed`: has a result;
 * - `failed`: threw; every descendant is cancelled;
 * - `cancelled`: an ancestor failed, the run was aborted, or a budget stopped it;
 * - `skipped`: on a route branch that was not taken; costs nothing and is not a failure.
 *
 * Transitions: blocked → pending (dependencies done), pending → in_progress, in_progress → completed |
 * failed | pending (requeue) | blocked (fan-out expansion waits on its expanded nodes), and any non-terminal →
 * cancelled | skipped.
 */
export const TaskStatus = {
  BLOCKED: "blocked",
  PENDING: "pending",
  IN_PROGRESS: "in_progress",
  COMPLETED: "completed",
  FAILED: "failed",
  CANCELLED: "cancelled",
  SKIPPED: "skipped",
} as const;

/** One of the {@link TaskStatus} strings. */
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** Whether a node in `status` will not change any more. */
export function isTerminal(status: TaskStatus): boolean {
  return (
    status === TaskStatus.COMPLETED ||
    status === TaskStatus.FAILED ||
    status === TaskStatus.CANCELLED ||
    status === TaskStatus.SKIPPED
  );
}
