// What the profiler's overhead is made of: the fan-out workload of `pnpm bench profiling` at 10k elements (about
// 30k nodes; WEFT_BENCH_ELEMENTS), run in rounds (default 100, WEFT_BENCH_ROUNDS), each round running every
// variant once in alternating order: no subscriber, a do-nothing subscriber (the event path alone), a lean recorder
// (bench/lib/lean-recorder.ts: the least an event-fed recorder can keep), and the Profiler. Each figure is the
// geometric mean of the rounds' ratios to the run without a subscriber, with its 95% interval. Smaller runs and
// many rounds give intervals of about ±2.5%, where the 100k-node bench gives ±5%; but processes differ by more than
// that (the do-nothing subscriber read 1.00 to 1.09 in eight processes, see design_docs/profiling.md), so compare
// variants within one process and repeat the process before concluding. Since session 10 the Profiler declares
// `nodeTimeline` and is sent no per-node events, while the do-nothing subscriber and the lean recorder still get
// them: those two price an event-fed recorder, the yardstick the timeline was measured against.
import { LLMInference, Module, prompt, toValue, type Value } from "@weft/core";
import { run } from "@weft/execution";
import { Profiler } from "@weft/profiling";
import { ResourceManager } from "@weft/resources";
import { map } from "@weft/tracing";
import { instantModel } from "./lib/instant-model.js";
import { LeanRecorder } from "./lib/lean-recorder.js";
import { geometricMean, report } from "./lib/measure.js";

const ELEMENTS = Number(process.env.WEFT_BENCH_ELEMENTS ?? 10_000);
const ROUNDS = Number(process.env.WEFT_BENCH_ROUNDS ?? 100);
const round = (x: number) => Math.round(x * 1000) / 1000;

class FanOut extends Module {
  ask = new LLMInference({ alias: "fast" });
  forward(items: Value<string[]>) {
    return map(items, (item) => this.ask.call(prompt`fan ${item}`));
  }
}

class DoNothing {
  readonly transientEvents = true;
  onEvent(): void {}
}

type Subscriber = { onEvent(event: never): void; readonly transientEvents?: boolean };
const variants: Readonly<Record<string, () => Subscriber | undefined>> = {
  off: () => undefined,
  noop: () => new DoNothing(),
  lean: () => new LeanRecorder(),
  profiler: () => new Profiler(),
};
const names = Object.keys(variants);
const items = toValue(Array.from({ length: ELEMENTS }, (_, i) => String(i)));

async function once(subscriber: Subscriber | undefined): Promise<number> {
  const resources = new ResourceManager({
    aliases: { fast: { model: instantModel, retry: { maxAttempts: 1 }, adaptive: false } },
  });
  const options = { resources, ...(subscriber ? { profiler: subscriber as Profiler } : {}) };
  const start = performance.now();
  const result = await run(new FanOut(), items as never, options);
  const ms = performance.now() - start;
  if (!result.ok) throw new Error("a benchmark run failed");
  return ms;
}

const ratios: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
// Two warm-up rounds, then the measured ones; the order alternates so drift favours no variant.
for (let index = -2; index < ROUNDS; index++) {
  const order = index % 2 === 0 ? names : [...names].reverse();
  const ms: Record<string, number> = {};
  for (const name of order) ms[name] = await once((variants[name] as () => Subscriber | undefined)());
  if (index < 0) continue;
  for (const name of names) ratios[name]?.push((ms[name] as number) / (ms.off as number));
}

const figures: Record<string, number> = {};
for (const name of names.slice(1)) {
  const { mean, low, high } = geometricMean(ratios[name] as number[]);
  console.log(`${name}: ${round(mean)} (95% interval ${round(low)}-${round(high)})`);
  figures[`${name}_ratio`] = round(mean);
  figures[`${name}_ratio_ci95_low`] = round(low);
  figures[`${name}_ratio_ci95_high`] = round(high);
}
console.log(`${ELEMENTS} elements, ${ROUNDS} rounds; ratios to the run without a subscriber`);
report(figures);
