import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import { BudgetTracker } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import "../index.js";
import { runBatch } from "../batch/run-batch.js";
import { run } from "../run/run.js";
import { managerFor, promptOf } from "../test-support/run-kit.js";
import { currentSettings, resolveSettings, withSettings } from "./execution-settings.js";

class Ask extends Module {
  llm = new LLMInference({ alias: "fast", maxTokens: 5 });
  forward(text: Value<string>) {
    return this.llm.call(prompt`ask ${text}`);
  }
}

const echo = () => new MockLanguageModel({ generate: (request) => `<${promptOf(request)}>` });

describe("settings scope (plait-spec 7.5, every field inherited)", () => {
  it("inherits fields from enclosing scopes and lets inner scopes override them, across awaits", async () => {
    await withSettings({ maxConcurrency: 4, taskTimeoutMs: 100, llm: { maxToolSteps: 3 } }, async () => {
      await Promise.resolve();
      await withSettings({ maxConcurrency: 2, llm: { maxStructuredAttempts: 5 } }, async () => {
        await Promise.resolve();
        expect(currentSettings()).toMatchObject({
          maxConcurrency: 2,
          taskTimeoutMs: 100,
          llm: { maxToolSteps: 3, maxStructuredAttempts: 5 },
        });
      });
      expect(currentSettings().maxConcurrency).toBe(4);
    });
    expect(currentSettings()).toEqual({});
  });

  it("resolves precedence lowest first: scope < bound < call", () => {
    const resolved = resolveSettings(
      { maxConcurrency: 1, strict: true },
      { maxConcurrency: 2 },
      { maxConcurrency: 3 },
    );
    expect(resolved).toEqual({ maxConcurrency: 3, strict: true });
  });

  it("gives run() the scope's resources unless the call names its own", async () => {
    const scoped = echo();
    const called = echo();
    const scope = managerFor({ fast: scoped }).manager;
    const call = managerFor({ fast: called }).manager;
    await withSettings({ resources: scope }, async () => {
      expect((await run(new Ask(), "s")).output).toBe("<ask s>");
      await run(new Ask(), "c", { resources: call });
    });
    expect(scoped.calls).toHaveLength(1);
    expect(called.calls).toHaveLength(1);
  });
});

describe("bound modules (plait-spec 5.3)", () => {
  it("runs `await module.bind(resources).call(x)` and resolves to plain output", async () => {
    const { manager } = managerFor({ fast: echo() });
    const bound = new Ask().bind(manager);
    expect(await bound.call("hi")).toBe("<ask hi>");
  });

  it("takes binding options over the scope, and rejects when a node fails", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    const other = managerFor({ fast: echo() }).manager;
    const bound = new Ask().bind(manager, { maxConcurrent: 1 });
    await withSettings({ resources: other }, async () => {
      expect(await bound.call("b")).toBe("<ask b>");
    });
    expect(model.calls).toHaveLength(1);
    class Broken extends LeafModule {
      forward(_x: string): string {
        throw new Error("nope");
      }
    }
    class Fails extends Module {
      broken = new Broken();
      forward(text: Value<string>) {
        return this.broken.call(text);
      }
    }
    await expect(new Fails().bind(manager).call("x")).rejects.toMatchObject({ code: "execution_error" });
  });

  it("run() and runBatch() take call options over the binding, the binding over the scope", async () => {
    const scoped = echo();
    const bound = echo();
    const called = echo();
    const scope = managerFor({ fast: scoped }).manager;
    const binding = managerFor({ fast: bound }).manager;
    const call = managerFor({ fast: called }).manager;
    const ask = new Ask();
    ask.bind(binding, { maxConcurrent: 1 });
    const unbound = new Ask();
    await withSettings({ resources: scope }, async () => {
      expect((await run(ask, "b")).output).toBe("<ask b>");
      expect((await run(ask, "c", { resources: call })).output).toBe("<ask c>");
      expect((await runBatch(ask, ["b1", "b2"]))[1]?.output).toBe("<ask b2>");
      await run(unbound, "s");
    });
    expect(bound.calls.map((c) => promptOf(c.request))).toEqual(["ask b", "ask b1", "ask b2"]);
    expect(called.calls.map((c) => promptOf(c.request))).toEqual(["ask c"]);
    expect(scoped.calls.map((c) => promptOf(c.request))).toEqual(["ask s"]);

    // A setting bound as an option (strict) holds unless the call overrides it; unbind() drops it.
    class Broken extends LeafModule {
      forward(_x: string): string {
        throw new Error("nope");
      }
    }
    class Fails extends Module {
      broken = new Broken();
      forward(text: Value<string>) {
        return this.broken.call(text);
      }
    }
    const fails = new Fails();
    fails.bind(binding, { strict: true });
    await expect(run(fails, "x")).rejects.toMatchObject({ code: "execution_error" });
    expect((await run(fails, "x", { strict: false })).ok).toBe(false);
    fails.unbind();
    await withSettings({ resources: scope }, async () => {
      expect((await run(fails, "x")).ok).toBe(false);
    });
  });

  it("does not bind children: a child keeps calling directly", () => {
    const { manager } = managerFor({ fast: echo() });
    const parent = new Ask().bind(manager);
    expect(parent.isBound).toBe(true);
    expect(parent.llm.isBound).toBe(false);
  });
});

describe("nested runs", () => {
  it("charge a child of the enclosing run's budget", async () => {
    const model = echo();
    const { manager } = managerFor({ fast: model });
    class Delegate extends LeafModule {
      async forward(text: string): Promise<string> {
        const inner = await run(new Ask(), text, { resources: manager });
        return `delegated ${String(inner.output)}`;
      }
    }
    class Outer extends Module {
      first = new LLMInference({ alias: "fast", maxTokens: 5 });
      delegate = new Delegate();
      forward(text: Value<string>) {
        return this.delegate.call(this.first.call(text));
      }
    }
    const budget = new BudgetTracker({ maxCalls: 10 });
    const result = await run(new Outer(), "x", { resources: manager, budget });
    expect(result.output).toBe("delegated <ask <x>>");
    expect(budget.spent.calls).toBe(2);

    const tight = new BudgetTracker({ maxCalls: 1 });
    const stopped = await run(new Outer(), "y", { resources: manager, budget: tight });
    // The nested run's call was refused by the enclosing budget (a child of it), so it failed.
    expect(String(stopped.output)).toMatch(/^delegated BudgetExceededError/);
    expect(model.calls).toHaveLength(3);
    expect(tight.spent.calls).toBe(1);
  });
});
