import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LLMInference, Module, prompt, type Value } from "@weft/core";
import { type MockServer, type RecordedRequest, startMockServer } from "@weft/testing";
import { trace } from "@weft/tracing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// The child: a batch of ITEMS inputs through two LLM calls each (openai provider over HTTP to the mock
// server), checkpointed to a JSONL log and resumed from it. It prints its items as JSON on its last line.
const CHILD = `
import { LLMInference, Module, prompt } from "@weft/core";
import { runBatch } from "@weft/execution";
import { createOpenAI } from "@weft/openai";

const [baseURL, dir, count] = process.argv.slice(2);
class TwoCalls extends Module {
  first = new LLMInference({ alias: "fast", maxTokens: 8 });
  second = new LLMInference({ alias: "fast", maxTokens: 8 });
  forward(text) {
    const first = this.first.call(prompt\`first \${text}\`);
    return this.second.call(prompt\`second \${text}: \${first}\`);
  }
}
const model = createOpenAI({ apiKey: "test-key", baseURL }).languageModel("gpt-4o-mini");
const inputs = Array.from({ length: Number(count) }, (_, i) => "item-" + i);
const items = await runBatch(new TwoCalls(), inputs, {
  resources: { aliases: { fast: { model, retry: { maxAttempts: 1 } } } },
  maxConcurrency: 4,
  checkpoint: { dir, executionId: "killed", resume: true },
});
console.log(JSON.stringify(items.map((item) => ({ index: item.index, ok: item.ok, output: item.output, resumed: item.resumed }))));
`;

const ITEMS = 24;

/** The child's module, traced here to learn which node id is which call. */
class TwoCalls extends Module {
  first = new LLMInference({ alias: "fast", maxTokens: 8 });
  second = new LLMInference({ alias: "fast", maxTokens: 8 });
  forward(text: Value<string>) {
    const first = this.first.call(prompt`first ${text}`);
    return this.second.call(prompt`second ${text}: ${first}`);
  }
}

function startChild(
  script: string,
  baseURL: string,
  dir: string,
): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", script, baseURL, dir, String(ITEMS)], {
    cwd: packageDir,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(packageDir, "tsconfig.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const output = new Promise<string>((resolve, reject) => {
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
  output.catch(() => {});
  return { child, output };
}

/** The user prompt of a recorded chat-completions request. */
function promptOfRequest(request: RecordedRequest): string {
  const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
  return messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
}

/** `first item-3` or `second item-3`: which call of which item a prompt is. */
function callKey(prompt: string): string {
  return prompt.split(":")[0] as string;
}

describe("kill and resume (SIGKILL in the middle of a checkpointed batch)", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ latency: { timeToFirstTokenMs: 15, jitter: 0.5 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("loses no item and repeats no LLM call the killed run had completed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weft-kill-"));
    const script = join(dir, "child.mts");
    writeFileSync(script, CHILD);

    const first = startChild(script, server.openaiBaseURL, dir);
    // Kill once a dozen calls have been answered: mid-run, with calls in flight.
    await Promise.race([server.waitForRequest((request) => request.index >= 11), first.output]);
    first.child.kill("SIGKILL");
    await first.output.catch(() => {});
    const killedRequests = server.requests.length;

    const log = readFileSync(join(dir, "killed.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { type: string; item: number; node: string });
    const loggedNodes = log.filter((line) => line.type === "node" && line.node.startsWith("LLMInference_"));
    const finishedBeforeKill = new Set(log.filter((line) => line.type === "item").map((line) => line.item));
    expect(loggedNodes.length).toBeGreaterThan(0);
    expect(finishedBeforeKill.size).toBeLessThan(ITEMS);

    const second = startChild(script, server.openaiBaseURL, dir);
    const lastLine = (await second.output).trim().split("\n").at(-1) as string;
    const items = JSON.parse(lastLine) as { index: number; ok: boolean; output: string; resumed: boolean }[];

    // No item lost: every input has its output, and those finished before the kill were not run again.
    expect(items.map((item) => item.index)).toEqual(Array.from({ length: ITEMS }, (_, i) => i));
    expect(items.every((item) => item.ok && typeof item.output === "string" && item.output.length > 0)).toBe(
      true,
    );
    expect(items.filter((item) => item.resumed).map((item) => item.index)).toEqual(
      [...finishedBeforeKill].sort((a, b) => a - b),
    );

    // No completed call repeated: each call the killed run had logged was requested exactly once overall.
    const requestsByCall = new Map<string, number>();
    for (const request of server.requests) {
      const key = callKey(promptOfRequest(request));
      requestsByCall.set(key, (requestsByCall.get(key) ?? 0) + 1);
    }
    const graph = trace(new TwoCalls(), "x");
    const callOf = new Map(graph.order.map((id) => [id, graph.node(id).modulePath]));
    const loggedKeys = loggedNodes.map((line) => `${callOf.get(line.node)} item-${line.item}`);
    for (const key of loggedKeys) expect(requestsByCall.get(key), key).toBe(1);
    // Every call was made, and only calls the killed run had not logged were made twice.
    expect(requestsByCall.size).toBe(2 * ITEMS);
    const repeated = [...requestsByCall.entries()].filter(([, count]) => count > 1).map(([key]) => key);
    for (const key of repeated) expect(loggedKeys).not.toContain(key);
    expect(server.requests.length - killedRequests).toBe(2 * ITEMS - loggedKeys.length);
  }, 60_000);
});
