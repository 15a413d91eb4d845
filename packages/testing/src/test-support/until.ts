const MAX_TURNS = 200_000;

/**
 * Yields to the event loop until `condition` holds: lets real sockets make progress without sleeping
 * on real time. Throws after a bounded number of turns, naming what it waited for. For tests only.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}
