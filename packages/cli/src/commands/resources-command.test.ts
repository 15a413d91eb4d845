import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@weft/core";
import { startMockServer } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO } from "../test-support/capture-io.js";

const KEY = "sk-planted-cli-0123456789";

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "weft-cli-resources-"));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("weft resources", () => {
  it("lists aliases and endpoints without any key", async () => {
    const path = await tempFile(
      "resources.yaml",
      [
        "endpoints:",
        `  main: { model: { provider: openai, model: gpt-4o-mini, baseURL: 'http://127.0.0.1:9/v1', apiKey: '$\{WEFT_TEST_KEY}' }, rpm: 500, maxConcurrent: 4 }`,
        "aliases:",
        "  fast: { endpoints: [main], fallbacks: [slow] }",
        `  slow: { model: { provider: anthropic, model: claude-x, apiKey: ${KEY} } }`,
      ].join("\n"),
    );
    const io = captureIO({ env: { WEFT_TEST_KEY: KEY } });
    expect(await runCli(["resources", path], io)).toBe(0);
    expect(io.stdout.text()).toBe(
      "fast (least_loaded, falls back to slow)\n" +
        "    main  openai:gpt-4o-mini  http://127.0.0.1:9/v1  rpm 500, max 4 in flight\n" +
        "slow (least_loaded)\n" +
        "    slow#0  anthropic:claude-x\n",
    );
    expect(io.stdout.text() + io.stderr.text()).not.toContain(KEY);
  });

  it("reports an invalid config with each field's path on one line, exit code 2", async () => {
    const path = await tempFile(
      "bad.yaml",
      "aliases:\n  fast:\n    model: { provider: openai, model: m }\n    rpm: -5\n    bogus: 1\n",
    );
    const io = captureIO();
    expect(await runCli(["resources", path], io)).toBe(2);
    const line = io.stderr.text();
    expect(line.split("\n")).toHaveLength(2);
    expect(line).toMatch(/^weft: invalid resource config .*bad\.yaml: /);
    expect(line).toContain("aliases.fast.rpm (line 4:10)");
    expect(line).toContain("aliases.fast");
    expect(await runCli(["resources", "nope.yaml"], captureIO())).toBe(2);
  });

  it("--check sends one request per endpoint and prints its latency or error kind", async () => {
    const server = await startMockServer();
    try {
      const openai = new URL("../../../openai/src/index.ts", import.meta.url).href;
      const path = await tempFile(
        "resources.ts",
        [
          `import { ProviderRegistry } from "@weft/resources";`,
          `import { createOpenAI } from ${JSON.stringify(openai)};`,
          "export const registry = new ProviderRegistry().register('openai', ({ model, apiKey, baseURL, options }) =>",
          "  createOpenAI({ apiKey, baseURL, headers: options ? { 'x-weft-mock-fault': String(options.fault) } : {} }).languageModel(model));",
          "export const resources = { endpoints: {",
          `  good: { model: { provider: "openai", model: "gpt-4o-mini", baseURL: "${server.openaiBaseURL}", apiKey: "\${WEFT_TEST_KEY}" } },`,
          `  nokey: { model: { provider: "openai", model: "gpt-4o-mini", baseURL: "${server.openaiBaseURL}", apiKey: "\${WEFT_TEST_KEY}", options: { fault: "auth" } } },`,
          `  unknown: { model: { provider: "nowhere", model: "m" } } },`,
          "  aliases: { fast: { endpoints: ['good', 'nokey'] }, other: { endpoints: ['unknown'] } } };",
        ].join("\n"),
      );
      const io = captureIO({ env: { WEFT_TEST_KEY: KEY }, clock: systemClock });
      expect(await runCli(["resources", path, "--check"], io)).toBe(1);
      const check = io.stdout.text().split("check\n")[1] ?? "";
      expect(check).toMatch(/^ {4}good {5}ok {5}\d+ ms\n/);
      expect(check).toContain("    nokey    error  auth (HTTP 401)\n");
      expect(check).toContain("    unknown  error  unknown_provider\n");
      expect(io.stdout.text()).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });
});
