import { abortReason, type Clock } from "@weft/core";
import { type BudgetDemand, BudgetLedger } from "./budget-ledger.js";

interface Waiter {
  readonly chain: readonly BudgetLedger[];
  readonly demand: BudgetDemand;
  readonly admit: () => void;
  readonly refuse: (error: unknown) => void;
}

/**
 * State shared by a budget and all its children: the clock, and the calls waiting for room in arrival order.
 * @internal
 */
export class BudgetRoot {
  readonly waiters: Waiter[] = [];
  constructor(readonly clock: Clock) {}

  /** Admits, in arrival order, every waiting call that now fits; refuses those that never can. */
  pump(): void {
    for (const waiter of [...this.waiters]) {
      const verdict = BudgetLedger.judge(waiter.chain, waiter.demand, this.clock.now());
      if (verdict.kind === "fits") waiter.admit();
      else if (verdict.kind === "exceeded") waiter.refuse(verdict.error);
    }
  }

  /** Waits (abortably, and no later than the chain's deadline) until `pump` admits or refuses the demand. */
  wait<T>(
    chain: readonly BudgetLedger[],
    demand: BudgetDemand,
    signal: AbortSignal | undefined,
    grant: () => T,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const timer = new AbortController();
      const done = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        signal?.removeEventListener("abort", onAbort);
        timer.abort();
      };
      const waiter: Waiter = {
        chain,
        demand,
        admit: () => {
          done();
          resolve(grant());
        },
        refuse: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => waiter.refuse(abortReason(signal as AbortSignal));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      const deadlines = chain.flatMap((l) => (l.limits.deadline === undefined ? [] : [l.limits.deadline]));
      if (deadlines.length > 0) {
        this.clock.sleep(Math.min(...deadlines) - this.clock.now(), timer.signal).then(
          () => this.pump(),
          () => {},
        );
      }
    });
  }
}
