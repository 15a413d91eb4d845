import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LLMInference, Module, prompt, type Value } from "@weft/core";
import { BudgetTracker } from "@weft/resources";
import { failWith, MockLanguageModel } from "@weft/testing";
import { map } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { runBatch } from "../batch/run-batch.js";
import { run } from "../run/run.js";
import { managerFor, promptOf } from "../test-support/run-kit.js";
import { loadRunCheckpoint } from "./run-checkpoint.js";

class Chain extends Module {
  a = new LLMInference({ alias: "fast" });
  b = new LLMInference({ alias: "fast" });
  c = new LLMInference({ alias: "fast" });
  forward(text: Value<string>) {
    const a = this.a.call(prompt`a ${text}`);
    const b = this.b.call(prompt`b ${a}`);
    return this.c.call(prompt`c ${b}`);
  }
}

/** Answers `<prompt>`, except that prompts matching `fails` (default: ending in " FAIL") are refused once each. */
function flakyModel(fails: (prompt: string) => boolean = (text) => text.endsWith(" FAIL")) {
  const failedOnce = new Set<string>();
  return new MockLanguageModel({
    generate: (request) => {
      const text = promptOf(request);
      if (fails(text) && !failedOnce.has(text)) {
        failedOnce.add(text);
        return failWith("invalid_request", { message: "refused once" });
      }
      return `<${text}>`;
    },
  });
}

const folder = () => mkdtempSync(join(tmpdir(), "weft-resume-"));

describe("single-run checkpoints and resume (plait-spec 7.6, with resume)", () => {
  it("writes completed nodes with the graph hash and inputs digest, then resumes without repeating them", async () => {
    const dir = folder();
    const model = flakyModel((text) => text.startsWith("c "));
    const { manager } = managerFor({ fast: model });
    const checkpoint = { dir, executionId: "job", bufferSize: 1 };
    const first = await run(new Chain(), "FAIL", { resources: manager, checkpoint });
    expect(first.ok).toBe(false);
    expect(model.calls.map((call) => promptOf(call.request))).toEqual([
      "a FAIL",
      "b <a FAIL>",
      "c <b <a FAIL>>",
    ]);

    const chain = new Chain();
    const { manager: manager2 } = managerFor({ fast: model });
    const second = await run(chain, "FAIL", {
      resources: manager2,
      checkpoint: { ...checkpoint, resume: true },
    });
    expect(second.ok).toBe(true);
    expect(second.output).toBe("<c <b <a FAIL>>>");
    // Only the node that failed is called again.
    expect(model.calls.slice(3).map((call) => promptOf(call.request))).toEqual(["c <b <a FAIL>>"]);

    const file = await loadRunCheckpoint(join(dir, "job.json"));
    expect(file?.graph_hash).toBe(second.graph.hash);
    expect(file?.inputs_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(
      Object.keys(file?.completed_nodes ?? {}).filter((id) => id.startsWith("LLMInference")),
    ).toHaveLength(3);
    expect(file?.failed_nodes).toEqual({});

    const third = await run(new Chain(), "FAIL", {
      resources: manager2,
      checkpoint: { ...checkpoint, resume: true },
    });
    const before = model.calls.length;
    expect(third.output).toBe("<c <b <a FAIL>>>");
    expect(third.resumedNodes).toBeGreaterThanOrEqual(3);
    expect(model.calls.length).toBe(before);
  });

  it("records the failed node and the pending ones in the final write", async () => {
    const dir = folder();
    const model = new MockLanguageModel({
      generate: (request) => (promptOf(request).startsWith("b") ? failWith("invalid_request") : "ok"),
    });
    const { manager } = managerFor({ fast: model });
    const result = await run(new Chain(), "x", { resources: manager, checkpoint: { dir, executionId: "f" } });
    const file = await loadRunCheckpoint(join(dir, "f.json"));
    expect(Object.keys(file?.failed_nodes ?? {})).toEqual([result.errors[0]?.nodeId]);
    expect(file?.pending_nodes).toEqual(result.cancelled);
  });

  it("starts over when the inputs differ from the checkpoint's", async () => {
    const dir = folder();
    const model = flakyModel();
    const { manager } = managerFor({ fast: model });
    const checkpoint = { dir, executionId: "job", bufferSize: 1 };
    await run(new Chain(), "one", { resources: manager, checkpoint });
    const calls = model.calls.length;
    const other = await run(new Chain(), "two", {
      resources: manager,
      checkpoint: { ...checkpoint, resume: true },
    });
    expect(other.resumedNodes).toBe(0);
    expect(model.calls.length).toBe(calls + 3);
  });

  it("never writes input values, and no values at all without storeValues", async () => {
    const dir = folder();
    const { manager } = managerFor({ fast: flakyModel() });
    await run(new Chain(), "secret input", {
      resources: manager,
      checkpoint: { dir, executionId: "private", storeValues: false },
    });
    const text = readFileSync(join(dir, "private.json"), "utf8");
    expect(text).not.toContain("secret input");
    const withValues = await run(new Chain(), "secret input", {
      resources: manager,
      checkpoint: { dir, executionId: "values" },
    });
    const stored = await loadRunCheckpoint(join(dir, "values.json"));
    expect(Object.keys(stored?.completed_nodes ?? {}).some((id) => id.startsWith("input:"))).toBe(false);
    expect(withValues.ok).toBe(true);
  });

  it("resumes expanded fan-out nodes by their ids", async () => {
    const dir = folder();
    const model = flakyModel();
    const { manager } = managerFor({ fast: model });
    class Fan extends Module {
      llm = new LLMInference({ alias: "fast" });
      forward(items: Value<string[]>) {
        return map(items, (item) => this.llm.call(prompt`item ${item}`));
      }
    }
    const checkpoint = { dir, executionId: "fan", bufferSize: 1 };
    const first = await run(new Fan(), ["x", "FAIL", "y"], { resources: manager, checkpoint });
    expect(first.ok).toBe(false);
    expect(model.calls).toHaveLength(3);
    const second = await run(new Fan(), ["x", "FAIL", "y"], {
      resources: manager,
      checkpoint: { ...checkpoint, resume: true },
    });
    expect(second.output).toEqual(["<item x>", "<item FAIL>", "<item y>"]);
    expect(model.calls.map((call) => promptOf(call.request)).slice(3)).toEqual(["item FAIL"]);
  });
});

describe("batch checkpoint log and resume", () => {
  it("skips finished items and finished nodes of unfinished items on resume", async () => {
    const dir = folder();
    const model = flakyModel();
    const { manager } = managerFor({ fast: model });
    const checkpoint = { dir, executionId: "batch" };
    const inputs = ["p", "q", "FAIL", "r"];
    const first = await runBatch(new Chain(), inputs, { resources: manager, checkpoint });
    expect(first.map((item) => item.ok)).toEqual([true, true, false, true]);
    const calls = model.calls.length;
    expect(calls).toBe(10);

    const second = await runBatch(new Chain(), inputs, {
      resources: manager,
      checkpoint: { ...checkpoint, resume: true },
    });
    expect(second.map((item) => item.resumed)).toEqual([true, true, false, true]);
    expect(second.map((item) => item.output)).toEqual([
      "<c <b <a p>>>",
      "<c <b <a q>>>",
      "<c <b <a FAIL>>>",
      "<c <b <a r>>>",
    ]);
    // Item 2 failed at its first node, so only its three calls are made again (the first one retried).
    expect(model.calls.slice(calls).map((call) => promptOf(call.request))).toEqual([
      "a FAIL",
      "b <a FAIL>",
      "c <b <a FAIL>>",
    ]);
    const lines = readFileSync(join(dir, "batch.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", version: 1, execution_id: "batch" });
    expect(
      lines
        .filter((line) => line.type === "item")
        .map((line) => line.item)
        .sort(),
    ).toEqual([0, 1, 2, 3]);
  });

  it("runs an item again when its input changed", async () => {
    const dir = folder();
    const model = flakyModel();
    const { manager } = managerFor({ fast: model });
    const checkpoint = { dir, executionId: "changed" };
    await runBatch(new Chain(), ["p"], { resources: manager, checkpoint });
    const again = await runBatch(new Chain(), ["other"], {
      resources: manager,
      checkpoint: { ...checkpoint, resume: true },
    });
    expect(again[0]?.resumed).toBe(false);
    expect(again[0]?.output).toBe("<c <b <a other>>>");
  });

  it("does not log items a budget stop cut short; a resume with a larger budget runs only what is left", async () => {
    const dir = folder();
    const model = flakyModel(() => false);
    const { manager } = managerFor({ fast: model });
    const checkpoint = { dir, executionId: "budget" };
    const inputs = ["p", "q", "r", "s"];
    // One item at a time: items 0 and 1 take six calls, item 2's second call is refused, item 3 never starts a call.
    const first = await runBatch(new Chain(), inputs, {
      resources: manager,
      checkpoint,
      maxInFlight: 1,
      budget: new BudgetTracker({ maxCalls: 7 }),
    });
    expect(model.calls).toHaveLength(7);
    expect(first.map((item) => [item.ok, item.result?.status])).toEqual([
      [true, "completed"],
      [true, "completed"],
      [false, "failed"],
      [false, "stopped"],
    ]);
    const stopped = first[3];
    expect(stopped?.error).toMatchObject({ code: "budget_exceeded" });
    expect(stopped?.result?.stopReason).toBe(stopped?.error);
    expect(stopped?.result?.cancelled.filter((id) => id.startsWith("LLMInference"))).toHaveLength(3);
    const logged = readFileSync(join(dir, "budget.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === "item")
      .map((line) => line.item);
    expect(logged.sort()).toEqual([0, 1]);

    const second = await runBatch(new Chain(), inputs, {
      resources: manager,
      checkpoint: { ...checkpoint, resume: true },
      maxInFlight: 1,
      budget: new BudgetTracker({ maxCalls: 100 }),
    });
    expect(second.map((item) => [item.ok, item.resumed])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, false],
    ]);
    expect(second.map((item) => item.output)).toEqual(inputs.map((input) => `<c <b <a ${input}>>>`));
    // Item 2 continues from its logged first node; item 3 runs in full: no completed call is repeated.
    expect(model.calls.slice(7).map((call) => promptOf(call.request))).toEqual([
      "b <a r>",
      "c <b <a r>>",
      "a s",
      "b <a s>",
      "c <b <a s>>",
    ]);
  });
});
