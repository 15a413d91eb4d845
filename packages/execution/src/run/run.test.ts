import {
  EventBus,
  ExecutionError,
  errorValue,
  F,
  LeafModule,
  LLMInference,
  ManualClock,
  Module,
  Parameter,
  prompt,
  TransientError,
  toValue,
  type Value,
  ValueKind,
} from "@weft/core";
import { BudgetTracker } from "@weft/resources";
import { failWith, MockLanguageModel, textResponse } from "@weft/testing";
import { map, route, sideOutput, withPriority } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RuntimeEvent } from "../events/runtime-events.js";
import { driveClock, managerFor, promptOf } from "../test-support/run-kit.js";
import { run } from "./run.js";

class Shout extends LeafModule {
  forward(text: string): string {
    return text.toUpperCase();
  }
}

class Broken extends LeafModule {
  forward(_text: string): string {
    throw new Error("broken leaf");
  }
}

class Pipeline extends Module {
  summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize." });
  shout = new Shout();
  forward(text: Value<string>) {
    const summary = this.summarize.call(prompt`Text: ${text}`);
    return { summary, loud: this.shout.call(summary) };
  }
}

/** Splits `a,b,c` into its parts (none for ""), then one `fast` call per part: a fan-out expanded at run time. */
class Fan extends Module {
  split = new (class Split extends LeafModule {
    forward(text: string): string[] {
      return text === "" ? [] : text.split(",");
    }
  })();
  llm = new LLMInference({ alias: "fast" });
  forward(text: Value<string>) {
    return map(this.split.call(text), (part) => this.llm.call(prompt`item ${part}`));
  }
}

const echo = () => new MockLanguageModel({ generate: (request) => `<${promptOf(request)}>` });

describe("run (plait-spec 7.4)", () => {
  it("returns the output in exactly the shape forward() returned", async () => {
    const { manager } = managerFor({ fast: echo() });
    class Shapes extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        const a = this.llm.call(text);
        return { only: [a], nested: { one: a }, literal: 3 };
      }
    }
    const result = await run(new Shapes(), "x", { resources: manager });
    expect(result.output).toEqual({ only: ["<x>"], nested: { one: "<x>" }, literal: 3 });
    class Single extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        return { one: this.llm.call(text) };
      }
    }
    expect((await run(new Single(), "y", { resources: manager })).output).toEqual({ one: "<y>" });
    const pipeline = await run(new Pipeline(), "hello", { resources: manager });
    expect(pipeline.output).toEqual({ summary: "<Text: hello>", loud: "<TEXT: HELLO>" });
    expect((pipeline.values as { summary: Value }).summary.ref).toMatch(/^LLMInference_/);
  });

  it("reports a failed node, cancels exactly its descendants and returns the partial outputs", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Partial extends Module {
      broken = new Broken();
      after = new LLMInference({ alias: "fast" });
      other = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        return { failed: this.after.call(this.broken.call(text)), fine: this.other.call(text) };
      }
    }
    const result = await run(new Partial(), "in", { resources: manager });
    expect(result.ok).toBe(false);
    expect(result.status).toBe("failed");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      kind: "leaf",
      error: expect.objectContaining({ message: "broken leaf" }),
    });
    expect(result.cancelled).toHaveLength(1);
    expect(result.output.fine).toBe("<in>");
    expect(result.output.failed).toBeInstanceOf(Error);
    expect(model.calls).toHaveLength(1);
  });

  it("throws an ExecutionError listing the failed nodes in strict mode", async () => {
    const { manager } = managerFor({ fast: echo() });
    class Fails extends Module {
      broken = new Broken();
      forward(text: Value<string>) {
        return this.broken.call(text);
      }
    }
    const error = await run(new Fails(), "x", { resources: manager, strict: true }).catch((e: unknown) => e);
    expect(ExecutionError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: "execution_error", failures: [{ kind: "leaf" }] });
    expect((error as Error).message).toContain("broken leaf");
  });

  it("short-circuits downstream nodes on an ERROR Value: they complete with it and make no call", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class ErrorSource extends LeafModule {
      forward(_text: string) {
        return errorValue(new Error("bad data"));
      }
    }
    class Flow extends Module {
      source = new ErrorSource();
      llm = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        return this.llm.call(this.source.call(text));
      }
    }
    const result = await run(new Flow(), "x", { resources: manager });
    expect(result.ok).toBe(true);
    expect((result.values as Value).kind).toBe(ValueKind.ERROR);
    expect((result.output as unknown as Error).message).toBe("bad data");
    expect(model.calls).toHaveLength(0);
  });

  it("counts usage and cost of every call and keeps the full response on the node", async () => {
    const model = new MockLanguageModel({
      generate: textResponse("ok", { inputTokens: 1_000_000, outputTokens: 500_000 }),
    });
    const { manager } = managerFor({ fast: model });
    const result = await run(new Pipeline(), "hello", { resources: manager });
    expect(result.usage).toMatchObject({ inputTokens: 1_000_000, outputTokens: 500_000 });
    expect(result.costUsd).toBe(2);
    expect(result.calls).toBe(1);
    const llm = [...result.nodes.values()].find((report) => report.kind === "llm");
    expect(llm?.details).toMatchObject({
      response: { text: "ok", finishReason: { unified: "stop" } },
      costUsd: 2,
    });
    expect(llm?.alias).toBe("fast");
  });

  it("fails LLM nodes with NoResourcesError when the run has no resources", async () => {
    const result = await run(new Pipeline(), "x");
    expect(result.errors[0]?.error).toMatchObject({ code: "no_resources", alias: "fast" });
  });

  it("fails an LLM node whose alias the resources do not know", async () => {
    const { manager } = managerFor({ other: echo() });
    const result = await run(new Pipeline(), "x", { resources: manager });
    expect(result.errors[0]?.error).toMatchObject({ code: "unknown_alias" });
  });

  it("records the tape in training mode", async () => {
    const { manager } = managerFor({ fast: echo() });
    class Learnable extends Module {
      llm = new LLMInference({
        alias: "fast",
        systemPrompt: new Parameter("Be brief.", { description: "style", requiresGrad: true }),
      });
      forward(text: Value<string>) {
        return this.llm.call(text);
      }
    }
    const module = new Learnable().train();
    const result = await run(module, "q", { resources: manager });
    const record = result.record;
    if (!record) throw new Error("no record in training mode");
    const llmId = [...record.moduleMap.keys()][0] as string;
    expect(record.moduleMap.get(llmId)).toBe(module.llm);
    expect(record.nodeParameters.get(llmId)?.[0]?.value).toBe("Be brief.");
    expect((record.nodeInputs.get(llmId) as { arg_0: Value }).arg_0.payload).toBe("q");
    expect(record.nodeOutputs.get(llmId)?.payload).toBe("<q>");
    expect(record.executionOrder.at(-1)).toBe(llmId);
    expect((await run(new Learnable(), "q", { resources: manager })).record).toBeUndefined();
  });

  it("sends runtime events and this run's resource events to the profiler", async () => {
    const { manager } = managerFor({ fast: echo() });
    const seen: RuntimeEvent[] = [];
    const result = await run(new Pipeline(), "x", {
      resources: manager,
      runId: "run-7",
      profiler: { onEvent: (event) => seen.push(event as RuntimeEvent) },
    });
    const types = seen.map((event) => event.type as string);
    expect(types[0]).toBe("run.started");
    expect(types.at(-1)).toBe("run.finished");
    expect(types).toContain("call.started");
    expect(types).toContain("call.finished");
    const llmStarted = seen.find((event) => event.type === "node.started" && event.kind === "llm");
    expect(llmStarted).toMatchObject({ alias: "fast", context: { runId: "run-7", modulePath: "summarize" } });
    const call = seen.find((event) => (event.type as string) === "call.finished");
    expect(call?.context).toMatchObject({ runId: "run-7", nodeId: llmStarted?.context.nodeId });
    // One context object per node, shared by the node's events and its call's.
    expect(call?.context).toBe(llmStarted?.context);
    expect(result.runId).toBe("run-7");
  });

  it("reuses node event objects only for a lone profiler that keeps none, with the same contents", async () => {
    // The first element is an ERROR Value (its LLM node finishes with errorValue), the others are answered.
    class Check extends LeafModule {
      forward(item: string) {
        return item === "bad" ? errorValue(new Error("bad item")) : item;
      }
    }
    class Checked extends Module {
      check = new Check();
      ask = new LLMInference({ alias: "fast" });
      forward(items: Value<string[]>) {
        return map(items, (item) => this.ask.call(prompt`item ${this.check.call(item)}`));
      }
    }
    // Every read moves time on by 1 ms, so both runs see the same exact times in the same order.
    class TickingClock extends ManualClock {
      private reads = 0;
      override now(): number {
        this.reads += 1;
        return this.reads;
      }
    }
    // What a subscriber sees at the moment of each call, with the run id left out (and the mock model's own
    // time to first token, measured on the real clock).
    const copyOf = (event: RuntimeEvent) => {
      const { context, timeToFirstTokenMs, ...fields } = event as RuntimeEvent & Record<string, unknown>;
      const { runId: _runId, ...where } = context;
      return { ...fields, context: where, timeToFirstToken: typeof timeToFirstTokenMs };
    };
    const watch = (transientEvents: boolean) => {
      const objects: RuntimeEvent[] = [];
      const copies: unknown[] = [];
      const profiler = {
        transientEvents,
        onEvent: (event: unknown) => {
          objects.push(event as RuntimeEvent);
          copies.push(copyOf(event as RuntimeEvent));
        },
      };
      return { profiler, objects, copies };
    };
    const fresh = watch(false);
    const transient = watch(true);
    const beside = watch(true);
    for (const { profiler, events } of [
      { profiler: fresh.profiler, events: undefined },
      { profiler: transient.profiler, events: undefined },
      { profiler: beside.profiler, events: new EventBus<RuntimeEvent>() },
    ]) {
      const clock = new TickingClock();
      const { manager } = managerFor({ fast: echo() }, { clock });
      await run(new Checked(), ["bad", "b", "c"], {
        resources: manager,
        clock,
        profiler,
        ...(events ? { events } : {}),
      });
    }
    const started = (watched: { objects: RuntimeEvent[] }) =>
      new Set(watched.objects.filter((event) => event.type === "node.started"));
    expect(started(fresh).size).toBeGreaterThan(3);
    expect(started(transient).size).toBe(1);
    expect(started(beside).size).toBe(started(fresh).size);
    const nodeEvents = (watched: { copies: unknown[] }) =>
      watched.copies.filter((copy) => /^node\./.test((copy as { type: string }).type));
    expect(nodeEvents(transient)).toEqual(nodeEvents(fresh));
    const finished = nodeEvents(fresh).filter(
      (copy) => (copy as { type: string; kind: string }).type === "node.finished",
    ) as { kind: string; errorValue?: boolean; time: number }[];
    const llm = finished.filter((copy) => copy.kind === "llm");
    expect(llm.map((copy) => copy.errorValue)).toEqual([true, undefined, undefined]);
    expect(new Set(finished.map((copy) => copy.time)).size).toBe(finished.length);
  });

  it("stops starting LLM nodes once the budget is exceeded", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Three extends Module {
      a = new LLMInference({ alias: "fast", maxTokens: 5 });
      b = new LLMInference({ alias: "fast", maxTokens: 5 });
      c = new LLMInference({ alias: "fast", maxTokens: 5 });
      forward(text: Value<string>) {
        return [this.a.call(text), this.b.call(text), this.c.call(text)];
      }
    }
    const budget = new BudgetTracker({ maxCalls: 1 });
    const result = await run(new Three(), "x", { resources: manager, budget, maxConcurrency: 1 });
    expect(model.calls).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.error).toMatchObject({ code: "budget_exceeded" });
    expect(result.cancelled).toHaveLength(1);
    expect(budget.spent.calls).toBe(1);
  });

  it("aborts: the signal reaches the provider call and the run rejects with its reason", async () => {
    const { clock } = managerFor({});
    const slow = new MockLanguageModel({ generate: "late", clock, delayMs: 60_000 });
    const slowManager = managerFor({ fast: slow }).manager;
    const controller = new AbortController();
    const running = run(new Pipeline(), "x", { resources: slowManager, signal: controller.signal });
    while (slow.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(slow.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it("bounds a node's whole execution with taskTimeoutMs, cancelling its provider call", async () => {
    const { clock } = managerFor({});
    const slow = new MockLanguageModel({ generate: "late", clock, delayMs: 5_000 });
    const { manager } = managerFor({ fast: slow });
    const running = run(new Pipeline(), "x", { resources: manager, clock, taskTimeoutMs: 1_000 });
    const result = await driveClock(clock, running);
    expect(result.errors[0]?.error).toMatchObject({ code: "task_timeout", timeoutMs: 1_000 });
    expect(slow.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it("retries a leaf's TransientError with the run's retry settings", async () => {
    let attempts = 0;
    class Flaky extends LeafModule {
      forward(text: string): string {
        attempts++;
        if (attempts < 3) throw new TransientError("try again");
        return `${text}!`;
      }
    }
    class Wrap extends Module {
      flaky = new Flaky();
      forward(text: Value<string>) {
        return this.flaky.call(text);
      }
    }
    const { clock } = managerFor({});
    const result = await driveClock(
      clock,
      run(new Wrap(), "x", { clock, maxTaskRetries: 2, taskRetryDelayMs: 10 }),
    );
    expect(result.output).toBe("x!");
    expect(attempts).toBe(3);
    expect([...result.nodes.values()].find((report) => report.kind === "leaf")?.retryCount).toBe(2);
  });

  it("expands a fan-out at run time: one LLM call per element, gathered in order", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    const result = await run(new Fan(), "a,b,c", { resources: manager });
    expect(result.output).toEqual(["<item a>", "<item b>", "<item c>"]);
    expect(model.calls).toHaveLength(3);
    const ids = [...result.nodes.keys()].filter((id) => id.includes("["));
    expect(ids.some((id) => /^map_\d+\[2\]\./.test(id))).toBe(true);
    expect((await run(new Fan(), "", { resources: manager })).output).toEqual([]);
    expect(model.calls).toHaveLength(3);
  });

  it("describes a fan-out's element subgraph once, in node.expanded, with every element's edges", async () => {
    const { manager } = managerFor({ fast: echo() });
    const seen: RuntimeEvent[] = [];
    await run(new Fan(), "a,b,c", {
      resources: manager,
      profiler: { onEvent: (event) => seen.push(event as RuntimeEvent) },
    });
    const expanded = seen.filter((event) => event.type === "node.expanded");
    expect(expanded).toHaveLength(1);
    const event = expanded[0] as Extract<RuntimeEvent, { type: "node.expanded" }>;
    const mapId = event.context.nodeId;
    const template = event.template;
    expect(template?.prefix).toBe(`${mapId}[*].`);
    // Every element's nodes, with `*` made the element's index, are the nodes the run executed, edges included.
    const finished = seen.filter((e) => e.type === "node.finished").map((e) => e.context.nodeId as string);
    const executed = finished.filter((id) => id.startsWith(`${mapId}[`)).sort();
    const instantiated = [0, 1, 2]
      .flatMap((index) => (template?.nodes ?? []).map((node) => node.id.replace("[*]", `[${index}]`)))
      .sort();
    expect(instantiated).toEqual(executed);
    const llmNode = template?.nodes.find((node) => node.kind === "llm");
    const renderNode = template?.nodes.find((node) => node.kind === "render");
    expect(llmNode).toMatchObject({ alias: "fast", modulePath: "llm", dependencies: [renderNode?.id] });
    expect(template?.outputs).toEqual([llmNode?.id]);
    for (const node of template?.nodes ?? []) {
      for (const dependency of node.dependencies)
        expect(dependency.startsWith(template?.prefix ?? "")).toBe(true);
    }

    // A list longer than the first chunk (32) is described once, from element 0; an empty list has no template.
    const long = Array.from({ length: 40 }, (_, index) => `w${index}`).join(",");
    for (const [text, count] of [
      [long, 40],
      ["", 0],
    ] as const) {
      const more: RuntimeEvent[] = [];
      await run(new Fan(), text, {
        resources: manager,
        profiler: { onEvent: (e) => more.push(e as RuntimeEvent) },
      });
      const fanOut = more.find((e) => e.type === "node.expanded") as Extract<
        RuntimeEvent,
        { type: "node.expanded" }
      >;
      expect(fanOut.count).toBe(count);
      if (count === 0) {
        expect(fanOut.template).toBeUndefined();
        continue;
      }
      expect(fanOut.nodes).toBe(count * (fanOut.template?.nodes.length ?? 0));
      expect(fanOut.template?.nodes.map((node) => node.id)).toEqual(template?.nodes.map((node) => node.id));
      expect(fanOut.template?.outputs).toEqual(template?.outputs);
    }
  });

  it("expands a large fan-out in chunks and still gathers every element in order", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Wide extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(items: Value<string[]>) {
        return map(items, (item) => this.llm.call(prompt`w ${item}`));
      }
    }
    const items = Array.from({ length: 600 }, (_, i) => String(i));
    const result = await run(new Wide(), toValue(items), { resources: manager, maxConcurrency: 7 });
    expect(result.output).toEqual(items.map((item) => `<w ${item}>`));
    expect(model.calls).toHaveLength(600);
    expect(result.nodeCount).toBeGreaterThan(1_200);

    const failing = new MockLanguageModel({
      generate: (request) => (promptOf(request) === "w 500" ? failWith("invalid_request") : "ok"),
    });
    const broken = await run(new Wide(), toValue(items), {
      resources: managerFor({ fast: failing }).manager,
    });
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]?.nodeId).toMatch(/^map_\d+\[500\]\./);
    expect(broken.output).toBeInstanceOf(Error);
  });

  it("routes on data: the branch not taken is skipped and costs nothing", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Router extends Module {
      yes = new LLMInference({ alias: "fast", systemPrompt: "yes" });
      no = new LLMInference({ alias: "fast", systemPrompt: "no" });
      forward(choice: Value<string>) {
        return route(choice, {
          yes: () => this.yes.call(prompt`Y ${choice}`),
          no: () => this.no.call(prompt`N ${choice}`),
        });
      }
    }
    const result = await run(new Router(), "no", { resources: manager });
    expect(result.output).toBe("<N no>");
    expect(model.calls).toHaveLength(1);
    expect(result.skipped.length).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
  });

  it("runs side outputs that reach no output", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Audited extends Module {
      audit = new LLMInference({ alias: "fast", systemPrompt: "audit" });
      answer = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        sideOutput("audit", this.audit.call(prompt`audit ${text}`));
        return this.answer.call(text);
      }
    }
    const result = await run(new Audited(), "t", { resources: manager });
    expect(result.output).toBe("<t>");
    expect(model.calls.map((call) => promptOf(call.request)).sort()).toEqual(["audit t", "t"]);
  });

  it("orders ready nodes: user priorities first, then the critical path, FIFO on request", async () => {
    const order = async (priority: "critical-path" | "fifo") => {
      const model = echo();
      const { manager } = managerFor({ fast: model });
      class Ordered extends Module {
        short = new LLMInference({ alias: "fast" });
        long1 = new LLMInference({ alias: "fast" });
        long2 = new LLMInference({ alias: "fast" });
        urgent = new LLMInference({ alias: "fast" });
        forward(text: Value<string>) {
          const short = this.short.call(prompt`short ${text}`);
          const long = this.long2.call(this.long1.call(prompt`long ${text}`));
          const urgent = withPriority(-1, () => this.urgent.call(prompt`urgent ${text}`));
          return [short, long, urgent];
        }
      }
      await run(new Ordered(), "x", { resources: manager, maxConcurrency: 1, priority });
      return model.calls.map((call) => promptOf(call.request).split(" ")[0]);
    };
    expect(await order("critical-path")).toEqual(["urgent", "long", "short", "<long"]);
    expect(await order("fifo")).toEqual(["urgent", "short", "long", "<long"]);
  });

  it("validates structured output and fails the node with StructuredOutputError after the re-asks", async () => {
    const model = new MockLanguageModel({ generate: "no json" });
    const { manager } = managerFor({ fast: model });
    class Judge extends Module {
      judge = new LLMInference({ alias: "fast", outputSchema: z.object({ score: z.number() }) });
      forward(text: Value<string>) {
        return this.judge.call(text);
      }
    }
    const result = await run(new Judge(), "x", { resources: manager, llm: { maxStructuredAttempts: 2 } });
    expect(result.errors[0]?.error).toMatchObject({
      code: "structured_output",
      rawText: "no json",
      attempts: 2,
    });
    expect(model.calls).toHaveLength(2);
  });

  it("uses F ops on LLM output as inline nodes", async () => {
    const { manager } = managerFor({ fast: echo() });
    class Upper extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(text: Value<string>) {
        return F.upper(this.llm.call(text));
      }
    }
    expect((await run(new Upper(), "abc", { resources: manager })).output).toBe("<ABC>");
  });
});
