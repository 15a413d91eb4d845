// Provider overhead: requests per second through weft's openai provider versus the raw `openai` SDK,
// both against weft's mock server (zero latency) in a child process, 4,000 requests at concurrency 64.
// The two clients run in alternating rounds; each figure is the best of its rounds.
import { createOpenAI } from "@weft/openai";
import { startMockServer } from "@weft/testing";
import OpenAI from "openai";
import { report } from "./lib/measure.js";
import { startServerChild } from "./lib/server-child.js";

const TOTAL = 4_000;
const CONCURRENCY = 64;
const ROUNDS = 5;
const MODEL = "gpt-4o-mini";
const API_KEY = "sk-bench-not-a-real-key";

if (process.argv.includes("--serve")) {
  // Child: the mock server, on its own core so its work is not billed to either client.
  const server = await startMockServer({ logLimit: 100 });
  console.log(server.openaiBaseURL);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
} else {
  const { child, baseURL } = await startServerChild(import.meta.url);

  const messages = [{ role: "user" as const, content: "Say hello." }];
  const raw = new OpenAI({ apiKey: API_KEY, baseURL, maxRetries: 0 });
  const weft = createOpenAI({ apiKey: API_KEY, baseURL }).languageModel(MODEL);
  const clients: Record<"raw" | "weft", () => Promise<unknown>> = {
    raw: () => raw.chat.completions.create({ model: MODEL, messages }),
    weft: () => weft.generate({ messages }),
  };

  /** Requests per second for `total` calls of `call` with `concurrency` in flight. */
  async function rps(call: () => Promise<unknown>, total: number): Promise<number> {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          next++;
          await call();
        }
      }),
    );
    return total / ((performance.now() - start) / 1000);
  }

  await rps(clients.raw, 500);
  await rps(clients.weft, 500);
  const best = { raw: 0, weft: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which client goes first so neither always runs on a warmer process.
    const order = round % 2 === 0 ? (["raw", "weft"] as const) : (["weft", "raw"] as const);
    for (const name of order) {
      const value = await rps(clients[name], TOTAL);
      best[name] = Math.max(best[name], value);
      console.log(`round ${round + 1} ${name}: ${value.toFixed(0)} req/s`);
    }
  }
  child.stdin?.end();
  report({
    raw_rps: Math.round(best.raw),
    weft_rps: Math.round(best.weft),
    ratio: Math.round((best.weft / best.raw) * 1000) / 1000,
  });
}
