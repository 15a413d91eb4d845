// Profiler overhead: the zero-latency 100k-node workload of the scheduler benchmark (a run-time `map` fan-out of
// 33,333 LLM calls, about 100k nodes, on an in-process model that answers at once), run with the profiler from
// @weft/profiling as the `profiler` option and without it, in adjacent pairs (default 24, WEFT_BENCH_PAIRS) in one
// process. The figure, `overhead_ratio`, is the geometric mean of the pairs' on/off wall-time ratios: adjacent runs
// see nearly the same machine, so each pair compares like with like, and the mean of many pairs is steadier than a
// ratio of two extremes. The best-of ratio (each side's best wall time over the pairs) is printed too, as
// `overhead_ratio_best_of`; on this noisy 2-core VM it moved from 0.91 to 1.16 between runs of identical code, the
// pairs' geometric mean from 1.05 to 1.12 (see design_docs/profiling.md). Runs are
// not preceded by a forced collection: V8 drops optimized code and type feedback on a forced full GC (measured:
// 120-215 functions re-optimized during each run after `gc()`, against 0-45 when only the collector's own GCs ran),
// so every measured run would re-warm the JIT, which the warm-up runs are there to avoid; the scheduler benchmark
// times this workload the same way. A run's garbage is collected during the next one, and the order alternates, so
// each side follows each side equally often. With the profiler on, execution also builds its
// runtime events, writes node times to the node timeline the profiler reads them from (instead of three events per
// node), and forwards the resource manager's call events, so the ratio prices the whole event path, not only the
// profiler's recording. The trace itself is built only when asked for (not timed here; its size and
// build time are printed for information).
import { LLMInference, Module, prompt, toValue, type Value } from "@weft/core";
import { run } from "@weft/execution";
import { Profiler } from "@weft/profiling";
import { ResourceManager } from "@weft/resources";
import { map } from "@weft/tracing";
import { collectGarbage } from "./lib/collect-garbage.js";
import { instantModel } from "./lib/instant-model.js";
import { geometricMean, report } from "./lib/measure.js";

const ELEMENTS = 33_333;
const PAIRS = Number(process.env.WEFT_BENCH_PAIRS ?? 24);
const TARGET = 1.1;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

class FanOut extends Module {
  ask = new LLMInference({ alias: "fast" });
  forward(items: Value<string[]>) {
    return map(items, (item) => this.ask.call(prompt`fan ${item}`));
  }
}

const items = toValue(Array.from({ length: ELEMENTS }, (_, i) => String(i)));
const managerOf = () =>
  new ResourceManager({
    aliases: { fast: { model: instantModel, retry: { maxAttempts: 1 }, adaptive: false } },
  });

/** One run; resolves with its wall time in ms and node count. */
async function once(profiler: Profiler | undefined): Promise<{ ms: number; nodes: number }> {
  const resources = managerOf();
  const start = performance.now();
  const result = await run(new FanOut(), items as never, { resources, ...(profiler ? { profiler } : {}) });
  const ms = performance.now() - start;
  if (!result.ok) throw new Error("a benchmark run failed");
  return { ms, nodes: result.nodeCount };
}

// One warm-up of each, so that neither side pays for compiling the shared code paths.
await once(undefined);
await once(new Profiler());

let off = Number.POSITIVE_INFINITY;
let on = Number.POSITIVE_INFINITY;
const pairRatios: number[] = [];
let nodes = 0;
let events = 0;
for (let pair = 0; pair < PAIRS; pair++) {
  // Alternate which side goes first, so a drift in machine load favours neither.
  const order = pair % 2 === 0 ? [false, true] : [true, false];
  const pairMs = { on: 0, off: 0 };
  for (const profiled of order) {
    const profiler = profiled ? new Profiler() : undefined;
    const measured = await once(profiler);
    nodes = measured.nodes;
    if (profiler) {
      on = Math.min(on, measured.ms);
      pairMs.on = measured.ms;
      events = profiler.recordedEvents;
    } else {
      off = Math.min(off, measured.ms);
      pairMs.off = measured.ms;
    }
  }
  pairRatios.push(pairMs.on / pairMs.off);
}

// The trace of one more profiled run, built on demand (not timed above).
collectGarbage();
const lastProfiler = new Profiler();
await once(lastProfiler);
const buildStart = performance.now();
const trace = lastProfiler.toJSON();
const buildMs = performance.now() - buildStart;
// Every node must be in the trace: the profiler reads node times from the run's node timeline, not from events.
const nodeSlices = trace.traceEvents.filter((event) => event.cat === "node" && event.ph === "B").length;
if (nodeSlices < nodes) throw new Error(`the trace holds ${nodeSlices} node slices for ${nodes} nodes`);
const bestOfRatio = on / off;
console.log(
  `${nodes} nodes: profiler off ${round(off, 1)} ms (${round((off * 1000) / nodes, 2)} us/node), ` +
    `on ${round(on, 1)} ms (${round((on * 1000) / nodes, 2)} us/node), best of ${PAIRS} each; ${events} events ` +
    `recorded (${round(events / nodes, 2)} per node; node times come from the run's node timeline); best-of ratio ${round(bestOfRatio)}`,
);
// The pairs' geometric mean with its 95% interval, and their median.
const sorted = [...pairRatios].sort((a, b) => a - b);
const middle = sorted.length >> 1;
const pairMedian =
  sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
const { mean: geomean, low, high } = geometricMean(pairRatios);
const interval = [low, high] as const;
console.log(
  `${PAIRS} adjacent pairs: geometric mean of the on/off ratios ${round(geomean)} ` +
    `(95% interval ${round(interval[0])}-${round(interval[1])}; target <= ${TARGET}), ` +
    `median ${round(pairMedian)}, range ${round(sorted[0] as number)}-${round(sorted.at(-1) as number)}`,
);
console.log(`trace built on demand: ${trace.traceEvents.length} trace events in ${round(buildMs, 1)} ms`);
report({
  overhead_ratio: round(geomean),
  overhead_ratio_ci95_low: round(interval[0]),
  overhead_ratio_ci95_high: round(interval[1]),
  overhead_ratio_pair_median: round(pairMedian),
  overhead_ratio_best_of: round(bestOfRatio),
});
