import { hashString } from "../../random/seeded-random.js";
import { type FaultRule, isMockFault, type MockFault } from "./faults.js";

interface RuleState {
  readonly rule: FaultRule;
  matched: number;
  applied: number;
}

/** Decides which fault, if any, a request gets: its header first, then the rules in order. */
export class FaultSelector {
  private states: RuleState[] = [];

  constructor(
    rules: readonly FaultRule[],
    private readonly seed: number,
  ) {
    this.set(rules);
  }

  /** Replaces the rules; counters start again. */
  set(rules: readonly FaultRule[]): void {
    for (const rule of rules) {
      if (!isMockFault(rule.fault)) throw new TypeError(`unknown fault ${JSON.stringify(rule.fault)}`);
    }
    this.states = rules.map((rule) => ({ rule, matched: 0, applied: 0 }));
  }

  /** Restarts every rule's counters. */
  resetCounters(): void {
    for (const state of this.states) {
      state.matched = 0;
      state.applied = 0;
    }
  }

  /**
   * The fault for a request, or undefined. `header` is the raw `x-weft-mock-fault` value; an unknown
   * name there is reported as `{ unknown: name }` so the server can answer 400.
   */
  select(path: string, header: string | undefined): MockFault | { readonly unknown: string } | undefined {
    if (header !== undefined && header !== "") {
      const name = header.trim();
      return isMockFault(name) ? name : { unknown: name };
    }
    for (const state of this.states) {
      const { rule } = state;
      if (rule.path !== undefined && !path.startsWith(rule.path)) continue;
      if (rule.count !== undefined && state.applied >= rule.count) continue;
      state.matched++;
      const hit =
        rule.probability !== undefined
          ? hashString(`${rule.fault}:${state.matched}`, this.seed) / 2 ** 53 < rule.probability
          : state.matched % Math.max(1, rule.every ?? 1) === 0;
      if (!hit) continue;
      state.applied++;
      return rule.fault;
    }
    return undefined;
  }
}
