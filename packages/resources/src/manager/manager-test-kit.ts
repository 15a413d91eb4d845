// Shared set-up for the manager's tests (not exported from the package). It must not import @weft/testing:
// only *.test.ts files may; each test file builds its own mock models.
import { ManualClock } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import type { ResourceConfigInput } from "../config/config-types.js";
import type { ResourceEvent } from "../events/resource-events.js";
import { ResourceManager, type ResourceManagerOptions } from "./resource-manager.js";

export const request: GenerateRequest = { messages: [{ role: "user", content: "Say hi" }], maxTokens: 10 };

/** $1 per million tokens in and $2 out: a call reporting 100 in and 10 out costs $0.00012. */
export const price = { inputPerMTok: 1, outputPerMTok: 2 };

/** A manager on a manual clock with its events recorded and retry jitter fixed at half the range. */
export function managerWith(
  config: ResourceConfigInput,
  options: ResourceManagerOptions & { clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const manager = new ResourceManager(config, { random: () => 0.5, ...options, clock });
  const events: ResourceEvent[] = [];
  manager.events.onAny((event) => events.push(event));
  const types = () => events.map((event) => event.type);
  const ofType = <T extends ResourceEvent["type"]>(type: T) =>
    events.filter((event): event is Extract<ResourceEvent, { type: T }> => event.type === type);
  return { manager, clock, events, types, ofType };
}

/** Runs the clock until `promise` settles (advancing to each pending timer in turn). */
export async function settleWith<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  for (let guard = 0; !done && guard < 10_000; guard++) {
    await clock.advance(0);
    if (done) break;
    if (clock.pending === 0) await new Promise((resolve) => setImmediate(resolve));
    else await clock.runAll(1);
  }
  return watched;
}

/** A manual clock that knows when its earliest sleeper is due, so tests over real sockets can drive it. */
export class ObservedClock extends ManualClock {
  private readonly dues = new Set<{ due: number }>();

  override schedule(ms: number, callback: () => void): () => void {
    const entry = { due: this.now() + Math.max(0, ms) };
    this.dues.add(entry);
    const cancel = super.schedule(ms, () => {
      this.dues.delete(entry);
      callback();
    });
    return () => {
      this.dues.delete(entry);
      cancel();
    };
  }

  /** Clock time of the earliest pending sleeper. */
  nextDue(): number | undefined {
    let earliest: number | undefined;
    for (const { due } of this.dues) earliest = earliest === undefined ? due : Math.min(earliest, due);
    return earliest;
  }
}

/**
 * Lets real sockets run and moves the clock to each timer due within `horizonMs` (backoffs, retry-after,
 * rate-limit waits) whenever nothing else happens, until `promise` settles. Timers further away (per-attempt
 * timeouts) never fire on their own. Yields to the event loop; never sleeps on real time.
 */
export async function driveUntilSettled<T>(
  clock: ObservedClock,
  promise: Promise<T>,
  horizonMs = 30_000,
): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  let idleTurns = 0;
  for (let turn = 0; !done && turn < 2_000_000; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    const due = clock.nextDue();
    // Give sockets a few turns to make progress before moving time: a reply may be on its way.
    if (due !== undefined && due - clock.now() <= horizonMs && ++idleTurns > 20) {
      idleTurns = 0;
      await clock.advance(due - clock.now());
    }
  }
  return watched;
}
