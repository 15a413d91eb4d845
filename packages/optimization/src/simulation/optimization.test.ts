import { describe, expect, it } from "vitest";
import { runExperiment, type Variant } from "../test-support/experiment.js";

const SEEDS = [1, 2, 3];

async function gains(variant: Variant): Promise<number[]> {
  const results = await Promise.all(SEEDS.map((seed) => runExperiment(variant, seed)));
  return results.map((result) => result.after - result.before);
}

let full: Promise<number[]> | undefined;
const fullGains = () => {
  full ??= gains("full");
  return full;
};

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

// The heart of the optimization package: on an offline, prompt-sensitive simulation (see src/simulation),
// the full loop (textual gradients through both stages, ordered SFA updates, validation-gated commits) must
// raise held-out accuracy by a clear margin on every seed, and each ablation must not.
describe("optimization on the simulation (held-out accuracy over seeds)", () => {
  it("the full loop improves held-out accuracy by a clear margin on every seed", async () => {
    const results = await Promise.all(SEEDS.map((seed) => runExperiment("full", seed)));
    full = Promise.resolve(results.map((result) => result.after - result.before));
    for (const result of results) {
      expect(result.after - result.before).toBeGreaterThanOrEqual(0.4);
      expect(result.after).toBeGreaterThanOrEqual(0.8);
      // Irreducible noise: even the learned prompts do not reach 100%.
      expect(result.after).toBeLessThan(1);
    }
  });

  it.each<[Variant, string]>([
    ["noBackward", "the raw loss feedback routed to every prompt names no fix"],
    ["shuffled", "feedback shuffled between samples does not match the evidence"],
    ["chainCut", "without feedback on the first stage's output, its prompt is never diagnosed"],
    ["randomEdits", "random edits teach none of the skills the task needs"],
    ["outOfOrder", "updating both stages at once breaks the format contract and is rejected"],
  ])("ablation %s does not improve: %s", async (variant) => {
    const ablated = await gains(variant);
    expect(mean(ablated)).toBeLessThanOrEqual(0.05);
    expect(mean(await fullGains()) - mean(ablated)).toBeGreaterThanOrEqual(0.4);
  });
});
