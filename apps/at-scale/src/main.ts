// 100,000 tickets streamed through three dependent LLM steps against weft's mock server (in a child
// process), into a run folder. Prints progress, peak RSS (target <= 200 MB) and the rate limiter's figures.
// Usage: pnpm --filter @weft-app/at-scale start [items] [--rpm N] [--concurrency N] [--fetch node|builtin] [--keep]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBus, type WeftEvent } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import { ResourceManager } from "@weft/resources";
import { runDataset } from "@weft/runner";
import { watchLimiter } from "./limiter-figures.js";
import { startMockServerProcess } from "./mock-server-process.js";
import { nodeHttpFetch } from "./node-http-fetch.js";
import { TriageTicket, tickets } from "./pipeline.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const items = Number(args.find((arg, i) => /^\d+$/.test(arg) && !args[i - 1]?.startsWith("--")) ?? 100_000);
const keep = args.includes("--keep");
const SERVER_RPM = Number(flag("--rpm") ?? 300_000);
// The mock server answers at once, so the run is CPU-bound: past a few calls per core in flight, more calls
// only wait in the event loop (slower, and their garbage lives long enough to be promoted; see README).
const CONCURRENCY = Number(flag("--concurrency") ?? 16);
const FETCH = flag("--fetch") ?? "node";
if (FETCH !== "node" && FETCH !== "builtin") throw new Error(`--fetch is node or builtin, got ${FETCH}`);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(1)} ms`);

const server = await startMockServerProcess([
  "--rpm",
  String(SERVER_RPM),
  "--tpm",
  "100000000",
  "--seed",
  "1",
]);
const model = createOpenAI({
  apiKey: "mock",
  baseURL: server.openaiBaseURL,
  ...(FETCH === "node" ? { fetch: nodeHttpFetch() } : {}),
}).languageModel("gpt-4o-mini");
// No rpm in the config: the limiter starts from the server's rate-limit headers and adapts to its 429s.
const manager = new ResourceManager({ aliases: { small: { model, maxConcurrent: CONCURRENCY } } });
const limiter = watchLimiter(manager);
const out = join(await mkdtemp(join(tmpdir(), "weft-at-scale-")), "run");
console.log(
  `${items.toLocaleString("en")} items x 3 LLM calls, mock server limited to ${SERVER_RPM.toLocaleString("en")} rpm, ${CONCURRENCY} calls in flight, ${FETCH === "node" ? "node:http" : "built-in"} fetch`,
);
console.log(`run folder: ${out}${keep ? "" : " (removed at the end; --keep keeps it)"}`);

const events = new EventBus<WeftEvent>();
let done = 0;
events.on("dataset.item", () => {
  done++;
});
const started = performance.now();
const ticker = setInterval(() => {
  const seconds = (performance.now() - started) / 1000;
  const calls = manager.snapshot().total.calls;
  console.log(
    `${done.toLocaleString("en")} items  ${Math.round(done / seconds)} items/s  ${Math.round(calls / seconds)} calls/s  rss ${mb(process.memoryUsage().rss)}`,
  );
}, 5_000);

const result = await runDataset(new TriageTicket(), tickets(items), {
  out,
  resources: manager,
  idField: "id",
  maxConcurrency: CONCURRENCY,
  events,
});
clearInterval(ticker);
const seconds = (performance.now() - started) / 1000;
const snapshot = manager.snapshot();
const endpoint = Object.values(snapshot.endpointStatus)[0];
const { counts } = result.metadata;

console.log("");
console.log(
  `${result.status}: ${counts.succeeded.toLocaleString("en")} ok, ${counts.failed} failed in ${seconds.toFixed(1)} s (${Math.round(counts.items / seconds)} items/s, ${Math.round(snapshot.total.calls / seconds)} calls/s)`,
);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (target <= 200 MB)`);
console.log("rate limiter:");
console.log(
  `  rate in force at the end: ${endpoint?.rpm?.toLocaleString("en") ?? "none"} rpm, ${endpoint?.tpm?.toLocaleString("en") ?? "none"} tpm`,
);
console.log(
  `  calls that waited for it: ${limiter.throttled.toLocaleString("en")} (${(limiter.throttledMs / 1000).toFixed(1)} s in all, longest ${Math.round(limiter.longestWaitMs)} ms)`,
);
console.log(
  `  429 answers: ${limiter.rateLimited}, retries: ${snapshot.total.retries}, adjustments: ${JSON.stringify(limiter.adjustments)}`,
);
const { queueWaitMs, latencyMs } = snapshot.total;
console.log(
  `  queue wait for a slot: p50 ${ms(queueWaitMs.p50)}, p99 ${ms(queueWaitMs.p99)}; call latency p50 ${ms(latencyMs.p50)}, p99 ${ms(latencyMs.p99)}`,
);
console.log(
  `tokens ${snapshot.total.inputTokens.toLocaleString("en")} in, ${snapshot.total.outputTokens.toLocaleString("en")} out; at gpt-4o-mini prices $${result.metadata.cost_usd.toFixed(2)}`,
);

await server.stop();
if (!keep) await rm(join(out, ".."), { recursive: true, force: true });
