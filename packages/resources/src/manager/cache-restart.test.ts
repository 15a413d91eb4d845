import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { CACHED_REQUEST, cacheRestartConfig, registry } from "../test-support/cache-restart-config.js";
import { ResourceManager } from "./resource-manager.js";

// Children run at the repository root so tsx finds the workspace tsconfig (sources, not builds).
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const WRITER = fileURLToPath(new URL("../test-support/write-cache-entry.ts", import.meta.url));

function runWriter(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the on-disk response cache", () => {
  // A shared machine can start tsx slowly.
  it("answers in a fresh process after the process that made the call exited, with the server closed", async () => {
    const server = await startMockServer({ seed: 11 });
    const directory = await mkdtemp(join(tmpdir(), "weft-resources-restart-"));
    let written: { text: string; cached: boolean; pid: number };
    try {
      const child = await runWriter([server.openaiBaseURL, directory]);
      expect({ code: child.code, stderr: child.stderr }).toEqual({ code: 0, stderr: "" });
      written = JSON.parse(child.stdout.trim().split("\n").at(-1) as string);
      expect(written.cached).toBe(false);
      expect(written.pid).not.toBe(process.pid);
      expect(written.text.length).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
    const manager = new ResourceManager(cacheRestartConfig(server.openaiBaseURL, directory), { registry });
    const result = await manager.generate("a", CACHED_REQUEST);
    expect(result).toMatchObject({ cached: true, costUsd: 0, attempts: 0, response: { text: written.text } });
    // With the cache bypassed the same call reaches for the closed server and fails.
    await expect(manager.generate("a", CACHED_REQUEST, { cache: false })).rejects.toMatchObject({
      name: "ProviderError",
    });
  }, 90_000);
});
