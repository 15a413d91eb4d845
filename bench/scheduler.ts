// Scheduler efficiency, overhead and streaming memory, on the real clock (peers.md 8a).
//
// Efficiency = T_lb / T_measured with T_lb = max(critical path, work / concurrency), computed from the
// latencies the model applied as its request log records them:
// - fanout: 1,000 independent calls (a run-time `map` fan-out) at concurrency 50;
// - chain: 100 calls, each on the previous reply;
// - skewed_cp / skewed_fifo: a chain of 20 calls hidden among 240 independent ones at concurrency 8, with
//   critical-path priority and with FIFO.
// Latencies are lognormal (median 20 ms, sigma 0.5), seeded by the prompt. `ideal_*` is the efficiency a
// zero-overhead greedy list schedule reaches on the same latencies in virtual time: T_lb is not reachable by
// any scheduler that does not know latencies in advance (the last calls' tail), so compare against it.
// These run on an in-process mock model whose sleeps are real timers. Over HTTP the client's own cost per
// request (about 1 ms here) is larger than the 0.4 ms per call that 20 ms at concurrency 50 leaves, so HTTP
// measures the SDK, not the scheduler: `http_efficiency_*` repeat fan-out and chain against weft's mock
// server in a child process (uniform jitter around 20 ms; the bound from the server's request log).
// Overhead: a zero-latency model, fan-outs of about 10k and 100k nodes; microseconds per executed node.
// Memory: 1,000,000 items streamed through a 3-node pipeline (input, LLM, leaf) at maxInFlight 64, in a fresh
// process running this file bundled to plain JavaScript (as deployed; tsx alone adds ~60 MB); peak RSS in MB.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LeafModule, LLMInference, Module, prompt, toValue, type Value } from "@weft/core";
import { run, runStream } from "@weft/execution";
import { createOpenAI } from "@weft/openai";
import type { CallOptions, GenerateRequest, GenerateResponse, LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import { map } from "@weft/tracing";
import { peakRssMb, report } from "./lib/measure.js";

const RUNS = 5;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Lognormal latency (median 20 ms, sigma 0.5) seeded by the prompt. */
function lognormalMs(key: string): number {
  const u1 = ((hash(`a${key}`) % 1_000_000) + 0.5) / 1_000_000;
  const u2 = ((hash(`b${key}`) % 1_000_000) + 0.5) / 1_000_000;
  return 20 * Math.exp(0.5 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
}

const REPLY: GenerateResponse = {
  text: "ok",
  toolCalls: [],
  reasoning: undefined,
  finishReason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: 1, outputTokens: 1 },
  timing: { timeToFirstTokenMs: undefined, totalMs: 0 },
  response: { id: undefined, modelId: "fake" },
  rateLimit: undefined,
};

/** An in-process model: sleeps a seeded latency on real timers (none when `latency` is undefined) and logs it. */
class FakeModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "fake";
  readonly modelId = "fake";
  readonly capabilities = {
    structuredOutput: "none",
    tools: false,
    streaming: false,
    streamingUsage: false,
  } as const;
  /** The request log: each call's prompt and the latency applied to it. */
  readonly log: { prompt: string; latencyMs: number }[] = [];
  constructor(private readonly latency: ((prompt: string) => number) | undefined) {}

  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse> {
    if (!this.latency) return Promise.resolve(REPLY);
    const text = request.messages[request.messages.length - 1]?.content ?? "";
    const ms = this.latency(text);
    this.log.push({ prompt: text, latencyMs: ms });
    const signal = options?.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(REPLY);
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  stream(): AsyncIterable<never> {
    throw new Error("not used");
  }
}

const managerOf = (model: LanguageModel) =>
  new ResourceManager({ aliases: { fast: { model, retry: { maxAttempts: 1 }, adaptive: false } } });
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

/** A task for the virtual-time list scheduler: its latency, what it waits for, and its queue key. */
interface SimTask {
  readonly latency: number;
  readonly after: number | undefined;
  /** Lower starts first among ready tasks. */
  readonly key: number;
}

/** Makespan of a greedy list schedule in virtual time: never idles a slot while a task is ready. */
function greedyMakespan(tasks: readonly SimTask[], slots: number): number {
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

interface Measured {
  readonly efficiency: number;
  readonly log: readonly { prompt: string; latencyMs: number }[];
}

/** Best of RUNS runs: T_lb from the model's request log, over the wall time of the run. */
async function efficiency(
  module: () => Module,
  input: unknown,
  concurrency: number,
  bound: (log: Measured["log"]) => number,
  priority: "critical-path" | "fifo" = "critical-path",
): Promise<Measured> {
  let best: Measured = { efficiency: 0, log: [] };
  for (let r = 0; r < RUNS; r++) {
    const model = new FakeModel(lognormalMs);
    const start = performance.now();
    const result = await run(module(), input as never, {
      resources: managerOf(model),
      maxConcurrency: concurrency,
      priority,
    });
    const elapsed = performance.now() - start;
    if (!result.ok) throw new Error("a benchmark run failed");
    const value = bound(model.log) / elapsed;
    if (value > best.efficiency) best = { efficiency: value, log: model.log };
  }
  return best;
}

async function overheadUsPerNode(elements: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  const items = toValue(Array.from({ length: elements }, (_, i) => String(i)));
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const result = await run(new FanOut(), items as never, {
      resources: managerOf(new FakeModel(undefined)),
    });
    const elapsed = performance.now() - start;
    if (!result.ok) throw new Error("an overhead run failed");
    best = Math.min(best, (elapsed * 1000) / result.nodeCount);
  }
  return best;
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

/** Child: streams 1M items and prints its peak RSS. */
async function streamChild(): Promise<void> {
  const total = 1_000_000;
  async function* inputs() {
    for (let i = 0; i < total; i++) yield `item ${i}`;
  }
  let done = 0;
  const resources = managerOf(new FakeModel(undefined));
  for await (const item of runStream(new ThreeNodes(), inputs(), { resources, maxInFlight: 64 })) {
    if (!item.ok) throw new Error(`item ${item.index} failed`);
    done++;
  }
  if (done !== total) throw new Error(`streamed ${done} of ${total}`);
  console.log(JSON.stringify({ peakRssMb: await peakRssMb() }));
}

/** Child: weft's mock server, answering `reset` and `log` (the applied latencies) on stdin. */
async function serveChild(): Promise<void> {
  const server = await startMockServer({
    latency: { timeToFirstTokenMs: 20, jitter: 0.5 },
    // High limits, so the rate-limit headers it reports never throttle the client.
    limits: { rpm: 10_000_000, tpm: 10_000_000_000 },
    promptCache: false,
    logLimit: 50_000,
  });
  console.log(server.openaiBaseURL);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "reset") server.reset();
    if (line === "log")
      console.log(JSON.stringify(server.requests.map((request) => request.latency?.totalMs ?? 0)));
    console.log("ok");
  }
  await server.close();
}

function spawnChild(command: string, args: readonly string[]) {
  return spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
}

async function httpEfficiency(): Promise<{ fanout: number; chain: number }> {
  const server = spawnChild(process.execPath, [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    "--serve",
  ]);
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const baseURL = (await lines.next()).value as string;
  const ask = async (command: string): Promise<string[]> => {
    server.stdin.write(`${command}\n`);
    const out: string[] = [];
    for (let next = await lines.next(); !next.done && next.value !== "ok"; next = await lines.next())
      out.push(next.value);
    return out;
  };
  const model = createOpenAI({ apiKey: "bench-key", baseURL }).languageModel("gpt-4o-mini");
  const measure = async (
    module: () => Module,
    input: unknown,
    concurrency: number,
    bound: (l: number[]) => number,
  ) => {
    let best = 0;
    for (let r = 0; r < RUNS; r++) {
      await ask("reset");
      const start = performance.now();
      const result = await run(module(), input as never, {
        resources: managerOf(model),
        maxConcurrency: concurrency,
        llm: { stream: false },
      });
      const elapsed = performance.now() - start;
      if (!result.ok) throw new Error("an HTTP benchmark run failed");
      const applied = JSON.parse((await ask("log"))[0] as string) as number[];
      best = Math.max(best, bound(applied) / elapsed);
    }
    return best;
  };
  const items = toValue(Array.from({ length: 1_000 }, (_, i) => String(i)));
  const fanout = await measure(
    () => new FanOut(),
    items,
    50,
    (l) => Math.max(Math.max(...l), sum(l) / 50),
  );
  const chain = await measure(() => new Chain(), "start", 1, sum);
  server.stdin.end();
  return { fanout, chain };
}

/** Bundles this file with esbuild and runs the stream in a fresh plain-Node process. */
async function streamPeakRss(): Promise<number> {
  const bundle = join(mkdtempSync(join(tmpdir(), "weft-bench-")), "scheduler.mjs");
  const esbuild = fileURLToPath(new URL("../node_modules/.bin/esbuild", import.meta.url));
  const tsconfig = fileURLToPath(new URL("./tsconfig.json", import.meta.url));
  const entry = fileURLToPath(import.meta.url);
  const build = spawnChild(esbuild, [
    entry,
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    `--tsconfig=${tsconfig}`,
    `--outfile=${bundle}`,
    "--log-level=error",
    "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  ]);
  await new Promise<void>((resolve, reject) =>
    build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`esbuild exited with ${code}`)))),
  );
  const proc = spawnChild(process.execPath, [bundle, "--stream"]);
  let last = "";
  for await (const line of createInterface({ input: proc.stdout })) last = line;
  return (JSON.parse(last) as { peakRssMb: number }).peakRssMb;
}

if (process.argv.includes("--stream")) {
  await streamChild();
} else if (process.argv.includes("--serve")) {
  await serveChild();
} else {
  const items = toValue(Array.from({ length: 1_000 }, (_, i) => String(i)));
  const fanBound = (log: Measured["log"]) => {
    const l = log.map((entry) => entry.latencyMs);
    return Math.max(Math.max(...l), sum(l) / 50);
  };
  const fanout = await efficiency(() => new FanOut(), items, 50, fanBound);
  const fanoutIdeal =
    fanBound(fanout.log) /
    greedyMakespan(
      fanout.log.map((entry) => ({ latency: entry.latencyMs, after: undefined, key: 0 })),
      50,
    );
  console.log(`fanout: ${round(fanout.efficiency)} (ideal greedy ${round(fanoutIdeal)})`);
  const chain = await efficiency(
    () => new Chain(),
    "start",
    1,
    (log) => sum(log.map((entry) => entry.latencyMs)),
  );
  console.log(`chain: ${round(chain.efficiency)}`);

  const skewedBound = (log: Measured["log"]) => {
    const critical = sum(
      log.filter((entry) => entry.prompt.startsWith("long")).map((entry) => entry.latencyMs),
    );
    return Math.max(critical, sum(log.map((entry) => entry.latencyMs)) / 8);
  };
  const skewedCp = await efficiency(() => new Skewed(), "s", 8, skewedBound);
  const skewedFifo = await efficiency(() => new Skewed(), "s", 8, skewedBound, "fifo");
  const skewedTasks = (criticalFirst: boolean): SimTask[] => {
    const short = Array.from({ length: 240 }, (_, i) => ({
      latency: lognormalMs(`short ${i} s`),
      after: undefined,
      key: 1,
    }));
    const long = Array.from({ length: 20 }, (_, i) => ({
      latency: lognormalMs(`long ${i} ${i === 0 ? "s" : "ok"}`),
      after: i === 0 ? undefined : 240 + i - 1,
      key: criticalFirst ? 0 : 1,
    }));
    return [...short, ...long];
  };
  const skewedBoundSim = skewedBound(
    skewedTasks(true).map((task, i) => ({ prompt: i >= 240 ? "long" : "short", latencyMs: task.latency })),
  );
  const idealCp = skewedBoundSim / greedyMakespan(skewedTasks(true), 8);
  const idealFifo = skewedBoundSim / greedyMakespan(skewedTasks(false), 8);
  console.log(
    `skewed: critical path ${round(skewedCp.efficiency)} (ideal ${round(idealCp)}), FIFO ${round(skewedFifo.efficiency)} (ideal ${round(idealFifo)})`,
  );

  const overhead10k = await overheadUsPerNode(3_333);
  const overhead100k = await overheadUsPerNode(33_333);
  console.log(`overhead: ${round(overhead10k, 2)} us/node at 10k nodes, ${round(overhead100k, 2)} at 100k`);
  const http = await httpEfficiency();
  console.log(`over HTTP: fanout ${round(http.fanout)}, chain ${round(http.chain)}`);
  const rss = await streamPeakRss();
  console.log(`1M items streamed: peak RSS ${round(rss, 1)} MB`);
  report({
    efficiency_fanout: round(fanout.efficiency),
    efficiency_chain: round(chain.efficiency),
    efficiency_skewed_cp: round(skewedCp.efficiency),
    efficiency_skewed_fifo: round(skewedFifo.efficiency),
    overhead_us_per_node_10k: round(overhead10k, 2),
    overhead_us_per_node_100k: round(overhead100k, 2),
    stream_1m_peak_rss_mb: round(rss, 1),
    ideal_fanout: round(fanoutIdeal),
    ideal_skewed_cp: round(idealCp),
    ideal_skewed_fifo: round(idealFifo),
    http_efficiency_fanout: round(http.fanout),
    http_efficiency_chain: round(http.chain),
  });
}
