import { createAnthropic } from "@weft/anthropic";
import { EventBus, LeafModule, LLMInference, ManualClock, Module, prompt, type Value } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import type { LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { type MockServer, type RecordedRequest, startMockServer } from "@weft/testing";
import { map } from "@weft/tracing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { runBatch } from "../batch/run-batch.js";
import type { RuntimeEvent } from "../events/runtime-events.js";
import { run } from "./run.js";

/** The last user message of a recorded request, for either protocol. */
function userPrompt(request: RecordedRequest): string {
  const messages = (request.body as { messages: { role: string; content: unknown }[] }).messages;
  const content = messages.filter((message) => message.role === "user").at(-1)?.content;
  if (typeof content === "string") return content;
  return (content as { type: string; text?: string }[]).map((block) => block.text ?? "").join("");
}

const llm = (systemPrompt?: string) =>
  new LLMInference({ alias: "main", maxTokens: 12, ...(systemPrompt ? { systemPrompt } : {}) });

class Linear extends Module {
  a = llm();
  b = llm();
  c = llm();
  forward(text: Value<string>) {
    return this.c.call(prompt`C ${this.b.call(prompt`B ${this.a.call(prompt`A ${text}`)}`)}`);
  }
}

class Parallel extends Module {
  x = llm("x");
  y = llm("y");
  z = llm("z");
  forward(text: Value<string>) {
    return {
      x: this.x.call(prompt`X ${text}`),
      y: this.y.call(prompt`Y ${text}`),
      z: this.z.call(prompt`Z ${text}`),
    };
  }
}

class Diamond extends Module {
  top = llm();
  left = llm();
  right = llm();
  bottom = llm();
  forward(text: Value<string>) {
    const top = this.top.call(prompt`TOP ${text}`);
    const left = this.left.call(prompt`LEFT ${top}`);
    const right = this.right.call(prompt`RIGHT ${top}`);
    return this.bottom.call(prompt`BOTTOM ${left} | ${right}`);
  }
}

class Split extends LeafModule {
  forward(text: string): string[] {
    return text.split(" ");
  }
}

class FanOut extends Module {
  split = new Split();
  each = llm();
  forward(text: Value<string>) {
    return map(this.split.call(text), (word) => this.each.call(prompt`WORD ${word}`));
  }
}

class Scorer extends Module {
  judge = new LLMInference({
    alias: "main",
    outputSchema: z.object({ score: z.number(), reason: z.string() }),
  });
  forward(text: Value<string>) {
    return this.judge.call(prompt`SCORE ${text}`);
  }
}

class Nested extends Module {
  inner = new Linear();
  scorer = new Scorer();
  forward(text: Value<string>) {
    const answer = this.inner.forward(text);
    return { answer, score: this.scorer.call(answer) };
  }
}

const providers: [string, (server: MockServer) => LanguageModel][] = [
  [
    "openai",
    (server) =>
      createOpenAI({ apiKey: "test-key", baseURL: server.openaiBaseURL }).languageModel("gpt-4o-mini"),
  ],
  [
    "anthropic",
    (server) =>
      createAnthropic({ apiKey: "test-key", baseURL: server.anthropicBaseURL }).languageModel(
        "claude-sonnet-4-5",
      ),
  ],
];

describe.each(providers)("end to end over HTTP with the %s provider", (_name, makeModel) => {
  let server: MockServer;
  let manager: ResourceManager;
  beforeAll(async () => {
    server = await startMockServer();
    manager = new ResourceManager({ aliases: { main: { model: makeModel(server) } } });
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  const replies = () => new Map(server.requests.map((request) => [userPrompt(request), request]));

  it("runs a linear pipeline, each call's reply feeding the next prompt", async () => {
    const result = await run(new Linear(), "start", { resources: manager, strict: true });
    expect(typeof result.output).toBe("string");
    const prompts = server.requests.map(userPrompt);
    expect(prompts).toHaveLength(3);
    expect(prompts[0]).toBe("A start");
    expect(prompts[1]).toMatch(/^B \S/);
    expect(prompts[2]).toMatch(/^C \S/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it("runs parallel calls concurrently and keeps the object shape", async () => {
    // On a manual-clock server no reply can come before the clock moves: all three calls must be in flight.
    const clock = new ManualClock();
    const held = await startMockServer({ clock, latency: { timeToFirstTokenMs: 1_000 } });
    try {
      const heldManager = new ResourceManager({ aliases: { main: { model: makeModel(held) } } });
      const running = run(new Parallel(), "same", { resources: heldManager, strict: true });
      while (held.requests.length < 3) await new Promise((resolve) => setImmediate(resolve));
      let done = false;
      const finished = running.finally(() => {
        done = true;
      });
      while (!done) {
        await clock.advance(1_000);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const result = await finished;
      expect(Object.keys(result.output)).toEqual(["x", "y", "z"]);
      expect(held.requests.map(userPrompt).sort()).toEqual(["X same", "Y same", "Z same"]);
    } finally {
      await held.close();
    }
  });

  it("runs a diamond: the bottom call sees both branches", async () => {
    const result = await run(new Diamond(), "d", { resources: manager, strict: true });
    const prompts = server.requests.map(userPrompt);
    expect(prompts).toHaveLength(4);
    expect(prompts.at(-1)).toMatch(/^BOTTOM \S.* \| \S/);
    expect(typeof result.output).toBe("string");
  });

  it("fans out over a list known only at run time", async () => {
    const result = await run(new FanOut(), "one two three four", { resources: manager, strict: true });
    expect(result.output).toHaveLength(4);
    expect([...replies().keys()].sort()).toEqual(["WORD four", "WORD one", "WORD three", "WORD two"]);
  });

  it("runs nested composites flattened, with structured output validated", async () => {
    const result = await run(new Nested(), "n", { resources: manager, strict: true });
    expect(typeof result.output.answer).toBe("string");
    expect(result.output.score).toEqual({ score: expect.any(Number), reason: expect.any(String) });
    expect(server.requests).toHaveLength(4);
    const paths = [...result.nodes.values()]
      .filter((node) => node.kind === "llm")
      .map((node) => node.modulePath);
    expect(paths.sort()).toEqual(["inner.a", "inner.b", "inner.c", "scorer.judge"]);
  });

  it("streams replies, publishing deltas and the time to first token", async () => {
    const events = new EventBus<RuntimeEvent>();
    const deltas: string[] = [];
    events.on("node.delta", (event) => deltas.push(event.delta));
    const result = await run(new Scorer(), "stream me", { resources: manager, events, strict: true });
    expect(server.requests[0]?.stream).toBe(true);
    expect(deltas.join("").length).toBeGreaterThan(0);
    const judge = [...result.nodes.values()].find((node) => node.kind === "llm");
    expect(typeof judge?.details?.timeToFirstTokenMs).toBe("number");
  });

  it("runs a batch through one manager", async () => {
    const items = await runBatch(new Linear(), ["p", "q", "r"], { resources: manager, strict: true });
    expect(items.map((item) => item.ok)).toEqual([true, true, true]);
    expect(server.requests).toHaveLength(9);
  });

  it("aborting a run closes the connection of the call in flight", async () => {
    // A server on a manual clock: its reply never comes unless the test moves time.
    const slowServer = await startMockServer({
      clock: new ManualClock(),
      latency: { timeToFirstTokenMs: 60_000 },
    });
    try {
      const slowManager = new ResourceManager({ aliases: { main: { model: makeModel(slowServer) } } });
      const controller = new AbortController();
      const running = run(new Linear(), "slow", { resources: slowManager, signal: controller.signal });
      while (slowServer.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      controller.abort(new Error("stop"));
      await expect(running).rejects.toThrow("stop");
      const request = await slowServer.waitForRequest();
      expect(request.outcome).toBe("client_closed");
      expect(slowServer.requests).toHaveLength(1);
    } finally {
      await slowServer.close();
    }
  });
});
