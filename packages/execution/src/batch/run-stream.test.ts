import {
  type Clock,
  EventBus,
  LeafModule,
  LLMInference,
  ManualClock,
  Module,
  prompt,
  type Value,
} from "@weft/core";
import type { CallOptions, GenerateRequest, GenerateResponse, LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import type { RuntimeEvent } from "../events/runtime-events.js";
import { driveClock, managerFor, promptOf } from "../test-support/run-kit.js";
import { runBatch } from "./run-batch.js";
import { runStream } from "./run-stream.js";

/** A model that answers after `delayOf(prompt)` ms of `clock` and tracks how many calls overlap. */
class CountingModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "counting";
  readonly modelId = "counting";
  readonly capabilities = {
    structuredOutput: "json-schema",
    tools: false,
    streaming: false,
    streamingUsage: false,
  } as const;
  active = 0;
  maxActive = 0;
  readonly log: string[] = [];
  readonly signals: AbortSignal[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly delayOf: (prompt: string) => number = () => 100,
  ) {}

  async generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse> {
    const text = promptOf(request);
    this.log.push(text);
    if (options?.signal) this.signals.push(options.signal);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      await this.clock.sleep(this.delayOf(text), options?.signal);
    } finally {
      this.active--;
    }
    return {
      text: `<${text}>`,
      toolCalls: [],
      reasoning: undefined,
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 1, outputTokens: 1 },
      timing: { timeToFirstTokenMs: undefined, totalMs: 0 },
      response: { id: undefined, modelId: this.modelId },
      rateLimit: undefined,
    };
  }

  stream(): AsyncIterable<never> {
    throw new Error("not streaming");
  }
}

class TwoSteps extends Module {
  first = new LLMInference({ alias: "fast" });
  second = new LLMInference({ alias: "fast" });
  forward(text: Value<string>) {
    return this.second.call(prompt`second ${this.first.call(prompt`first ${text}`)}`);
  }
}

class One extends Module {
  llm = new LLMInference({ alias: "fast" });
  forward(text: Value<string>) {
    return this.llm.call(text);
  }
}

async function* counted(
  values: readonly string[],
  pulls: { count: number; returned: boolean; onPull?: () => void },
) {
  try {
    for (const value of values) {
      pulls.count++;
      pulls.onPull?.();
      yield value;
    }
  } finally {
    pulls.returned = true;
  }
}

describe("runBatch", () => {
  it("resolves one item per input, in input order; an empty input gives []", async () => {
    const { manager } = managerFor({ fast: new MockLanguageModel({ generate: (r) => `<${promptOf(r)}>` }) });
    const items = await runBatch(new One(), ["a", "b", "c"], { resources: manager });
    expect(items.map((item) => [item.index, item.input, item.output, item.ok])).toEqual([
      [0, "a", "<a>", true],
      [1, "b", "<b>", true],
      [2, "c", "<c>", true],
    ]);
    expect(await runBatch(new One(), [], { resources: manager })).toEqual([]);
  });

  it("holds per-alias limits across the whole batch (one manager, also when given a config)", async () => {
    const clock = new ManualClock();
    const model = new CountingModel(clock);
    const config = { aliases: { fast: { model, maxConcurrent: 2 } } };
    const running = runBatch(new One(), ["a", "b", "c", "d", "e", "f"], { resources: config, clock });
    const items = await driveClock(clock, running);
    expect(items.every((item) => item.ok)).toBe(true);
    expect(model.maxActive).toBe(2);
    expect(model.log).toHaveLength(6);
  });

  it("interleaves the calls of different items on one scheduler", async () => {
    const clock = new ManualClock();
    const model = new CountingModel(clock, (text) => (text === "first b" ? 500 : 100));
    const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
    const items = await driveClock(
      clock,
      runBatch(new TwoSteps(), ["a", "b"], { resources: manager, clock }),
    );
    expect(items.map((item) => item.output)).toEqual(["<second <first a>>", "<second <first b>>"]);
    // Item a's second call starts while item b's first call is still running.
    expect(model.log).toEqual(["first a", "first b", "second <first a>", "second <first b>"]);
    expect(model.maxActive).toBe(2);
  });

  it("reports a failed item and an item that cannot be traced; rejects in strict mode", async () => {
    const { manager } = managerFor({ fast: new MockLanguageModel({ generate: "ok" }) });
    class Throws extends LeafModule {
      forward(_text: string): string {
        throw new Error("leaf broke");
      }
    }
    class Failing extends Module {
      throws = new Throws();
      forward(text: Value<string>) {
        return this.throws.call(text);
      }
    }
    class Untraceable extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        return this.llm.call(`${text}`);
      }
    }
    const failed = await runBatch(new Failing(), ["x"], { resources: manager });
    expect(failed[0]).toMatchObject({ ok: false, error: expect.objectContaining({ message: "leaf broke" }) });
    expect(failed[0]?.result?.errors).toHaveLength(1);
    const untraced = await runBatch(new Untraceable(), ["y"], { resources: manager });
    expect(untraced[0]).toMatchObject({
      ok: false,
      result: undefined,
      error: expect.objectContaining({ code: "trace_error" }),
    });
    await expect(runBatch(new Failing(), ["x"], { resources: manager, strict: true })).rejects.toMatchObject({
      code: "execution_error",
    });
  });
});

describe("runStream", () => {
  it("pulls input only while fewer than maxInFlight items are held (never more, and no fewer)", async () => {
    const clock = new ManualClock();
    const model = new CountingModel(clock);
    const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
    let yielded = 0;
    // Held at the moment of each pull: pulled but not yet handed to the consumer, this pull included.
    const heldAtPull: number[] = [];
    const pulls = {
      count: 0,
      returned: false,
      onPull: () => heldAtPull.push(pulls.count - yielded),
    };
    const inputs = Array.from({ length: 20 }, (_, i) => `in${i}`);
    const stream = runStream(new One(), counted(inputs, pulls), {
      resources: manager,
      clock,
      maxInFlight: 3,
    });
    const consume = (async () => {
      for await (const item of stream) {
        expect(item.ok).toBe(true);
        yielded++;
        // A slow consumer: results wait while the clock moves on.
        await clock.advance(250);
      }
    })();
    await driveClock(clock, consume);
    expect(yielded).toBe(20);
    expect(heldAtPull).toHaveLength(20);
    expect(Math.max(...heldAtPull)).toBe(3);
    expect(model.maxActive).toBe(3);
  });

  it("yields in completion order, or in input order with preserveOrder", async () => {
    const collect = async (preserveOrder: boolean) => {
      const clock = new ManualClock();
      const model = new CountingModel(clock, (text) => (text === "slow" ? 1_000 : 10));
      const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
      const order: number[] = [];
      const consume = (async () => {
        for await (const item of runStream(new One(), ["slow", "fast1", "fast2"], {
          resources: manager,
          clock,
          preserveOrder,
        })) {
          order.push(item.index);
        }
      })();
      await driveClock(clock, consume);
      return order;
    };
    expect(await collect(false)).toEqual([1, 2, 0]);
    expect(await collect(true)).toEqual([0, 1, 2]);
  });

  it("cancels in-flight work when the consumer stops early", async () => {
    const clock = new ManualClock();
    const model = new CountingModel(clock, (text) => (text === "quick" ? 10 : 60_000));
    const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
    const pulls = { count: 0, returned: false };
    const inputs = ["quick", "long1", "long2", "never1", "never2"];
    const consume = (async () => {
      for await (const item of runStream(new One(), counted(inputs, pulls), {
        resources: manager,
        clock,
        maxInFlight: 3,
      })) {
        expect(item.output).toBe("<quick>");
        break;
      }
    })();
    await driveClock(clock, consume);
    expect(model.log.slice(0, 3)).toEqual(["quick", "long1", "long2"]);
    // The two long calls in flight saw their signal abort; nothing more was pulled or started after the break.
    expect(model.signals.filter((signal) => signal.aborted)).toHaveLength(2);
    expect(model.active).toBe(0);
    expect(pulls.count).toBeLessThanOrEqual(4);
    expect(pulls.returned).toBe(true);
    expect(model.log.includes("never2")).toBe(false);
  });

  it("throws the signal's reason when the caller aborts, after cancelling the items", async () => {
    const clock = new ManualClock();
    const model = new CountingModel(clock, () => 60_000);
    const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
    const controller = new AbortController();
    const reason = new Error("stop everything");
    const consume = (async () => {
      for await (const _item of runStream(new One(), ["a", "b"], {
        resources: manager,
        clock,
        signal: controller.signal,
      })) {
        // never reached
      }
    })();
    while (model.active < 2) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    await expect(consume).rejects.toBe(reason);
    expect(model.signals.every((signal) => signal.aborted)).toBe(true);
  });

  it("emits item.done for every item", async () => {
    const { manager } = managerFor({ fast: new MockLanguageModel({ generate: "ok" }) });
    const events = new EventBus<RuntimeEvent>();
    const done: number[] = [];
    events.on("item.done", (event) => done.push(event.index));
    for await (const _item of runStream(new One(), ["a", "b", "c"], { resources: manager, events })) {
      // drain
    }
    expect(done.sort()).toEqual([0, 1, 2]);
  });
});
