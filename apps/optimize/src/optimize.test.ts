import { simulation } from "@weft/optimization";
import { describe, expect, it } from "vitest";
import { optimize } from "./optimize.js";
import { parseOptions } from "./options.js";

describe("apps/optimize", () => {
  it("picks the mock server without keys, a provider with one, and checks its flags", () => {
    expect(parseOptions([], {}).backend).toBe("mock-server");
    expect(parseOptions([], { OPENAI_API_KEY: "x" })).toMatchObject({
      backend: "openai",
      model: "gpt-4o-mini",
    });
    expect(parseOptions([], { ANTHROPIC_API_KEY: "x" }).backend).toBe("anthropic");
    expect(
      parseOptions(["--backend", "mock-server", "--epochs", "3"], { OPENAI_API_KEY: "x" }),
    ).toMatchObject({
      backend: "mock-server",
      epochs: 3,
    });
    expect(() => parseOptions(["--epochs", "0"], {})).toThrow(/--epochs/);
    expect(() => parseOptions(["--backend", "simulation"], {})).toThrow(/unknown --backend/);
  });

  it("by default optimizes over HTTP against the mock server: scores rise and the final prompts changed", async () => {
    const lines: string[] = [];
    const summary = await optimize(parseOptions([], {}), (line) => lines.push(line));
    expect(lines[0]).toContain("mock OpenAI server at http://127.0.0.1:");
    expect(summary.stoppedBy).toBe("completed");
    // Every model call (program, critic, aggregator, updater, validation) went over HTTP.
    expect(summary.httpRequests).toBeGreaterThan(100);
    expect(summary.validationBefore).toBeLessThan(0.5);
    expect(summary.validationAfter).toBeGreaterThan(summary.validationBefore + 0.3);
    expect(summary.testAfter).toBeGreaterThan(summary.testBefore + 0.3);
    const initial = new simulation.OrderPipeline().stateDict();
    expect(Object.keys(summary.prompts)).toEqual(["extract.systemPrompt", "answer.systemPrompt"]);
    expect(summary.prompts["extract.systemPrompt"]).not.toBe(initial["extract.systemPrompt"]);
    expect(summary.prompts["answer.systemPrompt"]).not.toBe(initial["answer.systemPrompt"]);
    expect(simulation.teaches(String(summary.prompts["extract.systemPrompt"]), "cancel")).toBe(true);
    expect(simulation.teaches(String(summary.prompts["answer.systemPrompt"]), "jsonInput")).toBe(true);
    const pct = (score: number) => `${(score * 100).toFixed(0)}%`;
    expect(lines).toContain(`validation accuracy before: ${pct(summary.validationBefore)}`);
    expect(lines).toContain(`held-out accuracy: ${pct(summary.testBefore)} -> ${pct(summary.testAfter)}`);
    expect(lines).toContain(`  extract.systemPrompt: ${String(summary.prompts["extract.systemPrompt"])}`);
  });
});
