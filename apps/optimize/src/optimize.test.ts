import { describe, expect, it } from "vitest";
import { optimize } from "./optimize.js";
import { parseOptions } from "./options.js";

describe("apps/optimize", () => {
  it("picks the simulation without keys, a provider with one, and checks its flags", () => {
    expect(parseOptions([], {}).backend).toBe("simulation");
    expect(parseOptions([], { OPENAI_API_KEY: "x" })).toMatchObject({
      backend: "openai",
      model: "gpt-4o-mini",
    });
    expect(parseOptions([], { ANTHROPIC_API_KEY: "x" }).backend).toBe("anthropic");
    expect(parseOptions(["--backend", "mock-server", "--epochs", "3"], {})).toMatchObject({
      backend: "mock-server",
      epochs: 3,
    });
    expect(() => parseOptions(["--epochs", "0"], {})).toThrow(/--epochs/);
    expect(() => parseOptions(["--backend", "nope"], {})).toThrow(/unknown --backend/);
  });

  it("optimizes the bundled dataset offline and prints scores before and after and the final prompts", async () => {
    const lines: string[] = [];
    const summary = await optimize(parseOptions(["--epochs", "1"], {}), (line) => lines.push(line));
    expect(summary.validationAfter).toBeGreaterThan(summary.validationBefore + 0.3);
    expect(summary.testAfter).toBeGreaterThan(summary.testBefore + 0.3);
    expect(lines.some((line) => line.startsWith("validation accuracy before:"))).toBe(true);
    expect(lines.some((line) => line.startsWith("held-out accuracy:"))).toBe(true);
    expect(lines.some((line) => line.startsWith("  extract.systemPrompt:"))).toBe(true);
  });

  it("runs end to end over HTTP against the mock server", async () => {
    const lines: string[] = [];
    const summary = await optimize(
      parseOptions(["--backend", "mock-server", "--epochs", "1", "--batch-size", "16"], {}),
      (line) => lines.push(line),
    );
    expect(summary.stoppedBy).toBe("completed");
    expect(lines[0]).toContain("mock OpenAI server at http://127.0.0.1:");
    expect(Object.keys(summary.prompts)).toEqual(["extract.systemPrompt", "answer.systemPrompt"]);
  });
});
