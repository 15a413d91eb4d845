// Scheduler efficiency, overhead and streaming memory, on the real clock (issue 6; peers.md 8a).
//
// Efficiency = T_lb / T_measured with T_lb = max(critical path, work / concurrency), computed from the
// latencies weft's mock server applied, as its request log records them (arrival to reply: the drawn latency
// plus the server's timer lateness and request handling). The server runs in its own process
// with lognormal latencies (median 20 ms, sigma 0.5, seeded per request); weft talks to it over real HTTP.
// - fanout: 1,000 independent calls (a run-time `map` fan-out) at concurrency 50;
// - chain: 100 calls, each on the previous reply;
// - skewed_cp / skewed_fifo: a chain of 20 calls hidden among 240 independent ones at concurrency 8, with
//   critical-path priority and with FIFO.
// `ideal_*` is what a zero-overhead greedy list schedule reaches on the same latencies in virtual time: T_lb is
// not reachable by a scheduler that does not know latencies in advance (the last calls' tail), so efficiency
// is also reported relative to it (`*_vs_ideal`). `baseline_efficiency_*` is the same requests sent over the same
// HTTP client by a bare loop (50 workers for the fan-out, a plain sequence for the chain, 8 workers that put the
// long chain first for the skewed DAG) with no runtime: what
// this machine's processes, sockets and timers allow; `*_vs_baseline` is weft's share of it (same run).
// The client is a minimal HTTP chat client (bench/lib/http-chat-model.ts) so that the figures measure weft, not
// an SDK; `sdk_efficiency_*` repeat fan-out and chain with @weft/openai (the official openai client), whose own
// CPU cost per request dominates at this latency on a small machine.
// `inproc_*` repeat the workloads in process, on a model that sleeps the same kind of latency on real timers
// (measured as it applies it): the scheduler and call path without sockets or a second process.
// Overhead: a zero-latency in-process model, fan-outs of about 10k and 100k nodes; microseconds per node.
// Memory: 1,000,000 items streamed through a 3-node pipeline (input, LLM, leaf) at maxInFlight 64; peak RSS.
// Everything is measured in plain Node processes running this file bundled to JavaScript (as deployed; tsx
// adds per-function overhead and ~60 MB).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LeafModule, LLMInference, Module, prompt, toValue, type Value } from "@weft/core";
import { type PriorityMode, run, runStream } from "@weft/execution";
import { createOpenAI } from "@weft/openai";
import type { GenerateResponse, LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import { map } from "@weft/tracing";
import { HttpChatModel } from "./lib/http-chat-model.js";
import { instantModel, REPLY } from "./lib/instant-model.js";
import { greedyMakespan, type SimTask } from "./lib/list-schedule.js";
import { peakRssMb, report } from "./lib/measure.js";

const RUNS = 5;
const SIGMA = 0.5;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

const managerOf = (model: LanguageModel) =>
  new ResourceManager({
    aliases: { fast: { model, retry: { maxAttempts: 1 }, adaptive: false, maxConcurrent: 1_000 } },
  });
const llm = () => new LLMInference({ alias: "fast" });

class FanOut extends Module {
  ask = llm();
  forward(items: Value<string[]>) {
    return map(items, (item) => this.ask.call(prompt`fan ${item}`));
  }
}

class Chain extends Module {
  ask = llm();
  forward(text: Value<string>) {
    let value: Value<string> = text;
    for (let i = 0; i < 100; i++) value = this.ask.call(prompt`chain ${i} ${value}`);
    return value;
  }
}

class Skewed extends Module {
  ask = llm();
  forward(text: Value<string>) {
    const short = Array.from({ length: 240 }, (_, i) => this.ask.call(prompt`short ${i} ${text}`));
    let value: Value<string> = text;
    for (let i = 0; i < 20; i++) value = this.ask.call(prompt`long ${i} ${value}`);
    return { short, long: value };
  }
}

class Shout extends LeafModule {
  forward(text: string): string {
    return text.toUpperCase();
  }
}

class ThreeNodes extends Module {
  ask = llm();
  shout = new Shout();
  forward(text: Value<string>) {
    return this.shout.call(this.ask.call(text));
  }
}

/** One request as the server's log saw it: the last user message and the latency applied. */
interface Applied {
  readonly prompt: string;
  readonly ms: number;
}

interface Workload {
  readonly module: () => Module;
  /** The same requests sent by a bare loop over the HTTP client (no weft), for the baseline. */
  readonly baseline?: (model: LanguageModel) => Promise<void>;
  readonly input: unknown;
  readonly concurrency: number;
  readonly priority: PriorityMode;
  /** T_lb from the applied latencies. */
  bound(log: readonly Applied[]): number;
  /** The same calls as list-schedule tasks, for the ideal makespan. */
  tasks(log: readonly Applied[]): SimTask[];
}

const userTurn = (content: string) => ({ messages: [{ role: "user" as const, content }] });
const fanItems = toValue(Array.from({ length: 1_000 }, (_, i) => String(i)));
const longIndex = (p: string) => Number(/^long (\d+)/.exec(p)?.[1] ?? -1);

const WORKLOADS = {
  fanout: {
    module: () => new FanOut(),
    input: fanItems,
    concurrency: 50,
    priority: "critical-path",
    bound: (log) => Math.max(Math.max(...log.map((e) => e.ms)), sum(log.map((e) => e.ms)) / 50),
    tasks: (log) => log.map((e) => ({ latency: e.ms, after: undefined, key: 0 })),
    // 50 workers taking the next prompt as soon as they are free: a greedy schedule with no runtime at all.
    baseline: async (model) => {
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < 1_000; i = next++) await model.generate(userTurn(`fan ${i}`));
      };
      await Promise.all(Array.from({ length: 50 }, worker));
    },
  },
  chain: {
    module: () => new Chain(),
    input: "start",
    concurrency: 1,
    priority: "critical-path",
    bound: (log) => sum(log.map((e) => e.ms)),
    tasks: (log) => log.map((e, i) => ({ latency: e.ms, after: i === 0 ? undefined : i - 1, key: 0 })),
    baseline: async (model) => {
      let text = "start";
      for (let i = 0; i < 100; i++) text = (await model.generate(userTurn(`chain ${i} ${text}`))).text;
    },
  },
  skewed_cp: skewed("critical-path"),
  skewed_fifo: skewed("fifo"),
} satisfies Record<string, Workload>;

/**
 * The skewed workload by hand, critical path first: 8 workers, each taking the next long call whenever the chain
 * is free (so the chain runs back to back), else the next short one.
 */
async function skewedByHand(model: LanguageModel): Promise<void> {
  let nextShort = 0;
  let nextLong = 0;
  let longBusy = false;
  let text = "s";
  const worker = async () => {
    for (;;) {
      if (!longBusy && nextLong < 20) {
        longBusy = true;
        text = (await model.generate(userTurn(`long ${nextLong} ${text}`))).text;
        nextLong++;
        longBusy = false;
      } else if (nextShort < 240) {
        await model.generate(userTurn(`short ${nextShort++} s`));
      } else return;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function skewed(priority: PriorityMode): Workload {
  return {
    module: () => new Skewed(),
    ...(priority === "critical-path" ? { baseline: skewedByHand } : {}),
    input: "s",
    concurrency: 8,
    priority,
    bound: (log) =>
      Math.max(
        sum(log.filter((e) => longIndex(e.prompt) >= 0).map((e) => e.ms)),
        sum(log.map((e) => e.ms)) / 8,
      ),
    tasks: (log) => {
      const shorts = log.filter((e) => longIndex(e.prompt) < 0);
      const longs = log
        .filter((e) => longIndex(e.prompt) >= 0)
        .sort((a, b) => longIndex(a.prompt) - longIndex(b.prompt));
      const first = priority === "fifo" ? 1 : 0;
      return [
        ...shorts.map((e) => ({ latency: e.ms, after: undefined, key: 1 })),
        ...longs.map((e, i) => ({
          latency: e.ms,
          after: i === 0 ? undefined : shorts.length + i - 1,
          key: first,
        })),
      ];
    },
  };
}

/** The mock server in its own process, answering `reset` and `log` on stdin. */
async function serve(): Promise<void> {
  const server = await startMockServer({
    latency: { timeToFirstTokenMs: 20, lognormalSigma: SIGMA },
    limits: { rpm: 10_000_000, tpm: 10_000_000_000 },
    promptCache: false,
    logLimit: 50_000,
  });
  console.log(server.openaiBaseURL);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "reset") server.reset();
    if (line === "log") {
      const applied = server.requests.map((request) => {
        const messages = (request.body as { messages?: { content?: string }[] }).messages ?? [];
        // What the server actually took, from arrival to the reply: its timers fire up to a millisecond after
        // the latency it drew, and that time is the server's, not the client's.
        const ms = (request.replyStartTime ?? request.time) - request.time;
        return { prompt: String(messages.at(-1)?.content ?? ""), ms };
      });
      console.log(JSON.stringify(applied));
    }
    console.log("ok");
  }
  await server.close();
}

function spawnSelf(mode: string) {
  return spawn(process.execPath, [fileURLToPath(import.meta.url), mode], {
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** Where calls go, and how to read the latencies they were given. */
interface Target {
  readonly model: LanguageModel;
  reset(): Promise<void>;
  log(): Promise<Applied[]>;
}

/** weft on `workload`, best of RUNS: efficiency, and the ideal greedy schedule's on the same latencies. */
async function measure(workload: Workload, target: Target): Promise<{ efficiency: number; ideal: number }> {
  let best = { efficiency: 0, ideal: 0 };
  for (let r = 0; r < RUNS; r++) {
    await target.reset();
    const start = performance.now();
    const result = await run(workload.module(), workload.input as never, {
      resources: managerOf(target.model),
      maxConcurrency: workload.concurrency,
      priority: workload.priority,
      llm: { stream: false },
    });
    const elapsed = performance.now() - start;
    if (!result.ok) throw new Error("a benchmark run failed");
    const log = await target.log();
    const bound = workload.bound(log);
    const efficiency = bound / elapsed;
    if (efficiency > best.efficiency)
      best = { efficiency, ideal: bound / greedyMakespan(workload.tasks(log), workload.concurrency) };
  }
  return best;
}

/** The same requests without weft (the workload's bare loop), best of RUNS. */
async function measureBaseline(workload: Workload, target: Target): Promise<number> {
  let best = 0;
  for (let r = 0; r < RUNS; r++) {
    await target.reset();
    const start = performance.now();
    await workload.baseline?.(target.model);
    const elapsed = performance.now() - start;
    best = Math.max(best, workload.bound(await target.log()) / elapsed);
  }
  return best;
}

/** Every workload on `target`, its figures named with `prefix`. */
async function measureAll(target: Target, prefix: string): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const [name, workload] of Object.entries(WORKLOADS) as [string, Workload][]) {
    const { efficiency, ideal } = await measure(workload, target);
    figures[`${prefix}efficiency_${name}`] = round(efficiency);
    figures[`${prefix}ideal_${name}`] = round(ideal);
    figures[`${prefix}efficiency_${name}_vs_ideal`] = round(efficiency / ideal);
    let note = "";
    if (workload.baseline) {
      const baseline = await measureBaseline(workload, target);
      figures[`${prefix}baseline_efficiency_${name}`] = round(baseline);
      figures[`${prefix}efficiency_${name}_vs_baseline`] = round(efficiency / baseline);
      note = `, a bare client loop ${round(baseline)}`;
    }
    console.error(`${prefix}${name}: ${round(efficiency)} (ideal greedy ${round(ideal)}${note})`);
  }
  return figures;
}

/** The mock server in a child process, over HTTP with the minimal client (and the official one for `sdk_*`). */
async function measureHttp(): Promise<Record<string, number>> {
  const server = spawnSelf("--serve");
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const baseURL = (await lines.next()).value as string;
  const ask = async (command: string): Promise<string[]> => {
    server.stdin.write(`${command}\n`);
    const out: string[] = [];
    for (let next = await lines.next(); !next.done && next.value !== "ok"; next = await lines.next())
      out.push(next.value);
    return out;
  };
  const targetOf = (model: LanguageModel): Target => ({
    model,
    reset: async () => {
      await ask("reset");
    },
    log: async () => JSON.parse((await ask("log"))[0] as string) as Applied[],
  });
  const http = new HttpChatModel(baseURL);
  const figures = await measureAll(targetOf(http), "");
  http.close();
  const sdk = targetOf(createOpenAI({ apiKey: "bench-key", baseURL }).languageModel("gpt-4o-mini"));
  figures.sdk_efficiency_fanout = round((await measure(WORKLOADS.fanout, sdk)).efficiency);
  figures.sdk_efficiency_chain = round((await measure(WORKLOADS.chain, sdk)).efficiency);
  server.stdin.end();
  return figures;
}

/** An in-process model that sleeps the same kind of latency on real timers and logs it: no sockets, no server. */
class SleepingModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "sleeping";
  readonly modelId = "sleeping";
  readonly capabilities = instantModel.capabilities;
  entries: Applied[] = [];

  generate(request: Parameters<LanguageModel["generate"]>[0]): Promise<GenerateResponse> {
    const prompt = String(request.messages.at(-1)?.content ?? "");
    const start = performance.now();
    return new Promise((resolve) =>
      setTimeout(() => {
        this.entries.push({ prompt, ms: performance.now() - start });
        resolve(REPLY);
      }, lognormalMs(prompt)),
    );
  }

  stream(): AsyncIterable<never> {
    throw new Error("not used");
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Lognormal latency (median 20 ms, sigma SIGMA) seeded by the prompt. */
function lognormalMs(key: string): number {
  const u1 = ((hash(`a${key}`) % 1_000_000) + 0.5) / 1_000_000;
  const u2 = ((hash(`b${key}`) % 1_000_000) + 0.5) / 1_000_000;
  return 20 * Math.exp(SIGMA * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
}

/** The workloads in process: the scheduler and call path alone, on real timers. */
async function measureInProcess(): Promise<Record<string, number>> {
  const model = new SleepingModel();
  return measureAll(
    {
      model,
      reset: async () => {
        model.entries = [];
      },
      log: async () => model.entries,
    },
    "inproc_",
  );
}

async function overheadUsPerNode(elements: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  const items = toValue(Array.from({ length: elements }, (_, i) => String(i)));
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const result = await run(new FanOut(), items as never, { resources: managerOf(instantModel) });
    const elapsed = performance.now() - start;
    if (!result.ok) throw new Error("an overhead run failed");
    best = Math.min(best, (elapsed * 1000) / result.nodeCount);
  }
  return best;
}

/** Child: the HTTP efficiencies and the overhead, as one JSON line. */
async function measureChild(): Promise<void> {
  const figures = { ...(await measureHttp()), ...(await measureInProcess()) };
  figures.overhead_us_per_node_10k = round(await overheadUsPerNode(3_333), 2);
  figures.overhead_us_per_node_100k = round(await overheadUsPerNode(33_333), 2);
  console.log(JSON.stringify(figures));
}

/** Child: streams 1M items and prints its peak RSS. */
async function streamChild(): Promise<void> {
  const total = 1_000_000;
  async function* inputs() {
    for (let i = 0; i < total; i++) yield `item ${i}`;
  }
  let done = 0;
  const resources = managerOf(instantModel);
  for await (const item of runStream(new ThreeNodes(), inputs(), { resources, maxInFlight: 64 })) {
    if (!item.ok) throw new Error(`item ${item.index} failed`);
    done++;
  }
  if (done !== total) throw new Error(`streamed ${done} of ${total}`);
  console.log(JSON.stringify({ peakRssMb: await peakRssMb() }));
}

/** Bundles this file with esbuild (plain JavaScript, as deployed) and returns the bundle's path. */
async function bundle(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), "weft-bench-")), "scheduler.mjs");
  const esbuild = fileURLToPath(new URL("../node_modules/.bin/esbuild", import.meta.url));
  const build = spawn(
    esbuild,
    [
      fileURLToPath(import.meta.url),
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      `--tsconfig=${fileURLToPath(new URL("./tsconfig.json", import.meta.url))}`,
      `--outfile=${out}`,
      "--log-level=error",
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    ],
    { stdio: "inherit" },
  );
  await new Promise<void>((resolve, reject) =>
    build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`esbuild exited with ${code}`)))),
  );
  return out;
}

/** Runs the bundle in `mode` in a fresh process; resolves with its last stdout line parsed as JSON. */
async function runBundle(path: string, mode: string): Promise<Record<string, number>> {
  const proc = spawn(process.execPath, [path, mode], { stdio: ["ignore", "pipe", "inherit"] });
  let last = "";
  for await (const line of createInterface({ input: proc.stdout })) last = line;
  return JSON.parse(last) as Record<string, number>;
}

const mode = process.argv[2];
if (mode === "--serve") await serve();
else if (mode === "--measure") await measureChild();
else if (mode === "--stream") await streamChild();
else {
  const path = await bundle();
  const figures = await runBundle(path, "--measure");
  const { peakRssMb: rss } = await runBundle(path, "--stream");
  report({
    efficiency_fanout: figures.efficiency_fanout as number,
    efficiency_chain: figures.efficiency_chain as number,
    efficiency_skewed_cp: figures.efficiency_skewed_cp as number,
    efficiency_skewed_fifo: figures.efficiency_skewed_fifo as number,
    overhead_us_per_node_10k: figures.overhead_us_per_node_10k as number,
    overhead_us_per_node_100k: figures.overhead_us_per_node_100k as number,
    stream_1m_peak_rss_mb: round(rss as number, 1),
    ...figures,
    latency_sigma: SIGMA,
  });
}
