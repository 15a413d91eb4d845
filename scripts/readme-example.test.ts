import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { startMockServer } from "@weft/testing";
import { afterAll, describe, expect, it } from "vitest";

// The README's example must stay real: this test runs it, as written, against the mock server. Only the
// provider's construction is pointed at the mock server (the README uses the default OpenAI endpoint).
describe("README example", () => {
  const generated = new URL("./.readme-example.generated.ts", import.meta.url);
  afterAll(() => rmSync(generated, { force: true }));

  it("runs and returns a summary and a numeric score", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, "README.md has no ts example").toBeDefined();
    expect(code).toContain("createOpenAI()");
    const server = await startMockServer({ seed: 7 });
    try {
      const pointed = (code as string).replace(
        "createOpenAI()",
        `createOpenAI({ apiKey: "sk-readme-test", baseURL: ${JSON.stringify(server.openaiBaseURL)} })`,
      );
      writeFileSync(generated, `${pointed}\nexport { output, costUsd };\n`);
      const { output } = (await import(generated.href)) as { output: { summary: unknown; score: unknown } };
      expect(typeof output.summary).toBe("string");
      expect((output.summary as string).length).toBeGreaterThan(0);
      expect(typeof output.score).toBe("number");
      expect(server.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
