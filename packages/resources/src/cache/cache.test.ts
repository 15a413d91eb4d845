import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GenerateRequest, GenerateResponse } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { cacheKey, canonicalJson } from "./cache-key.js";
import { DiskStore } from "./disk-store.js";
import { MemoryStore, TieredStore } from "./response-store.js";

const request: GenerateRequest = {
  messages: [{ role: "user", content: "hi" }],
  temperature: 0.7,
  maxTokens: 10,
};

function reply(text: string): GenerateResponse {
  return {
    text,
    toolCalls: [],
    reasoning: undefined,
    finishReason: { unified: "stop", raw: "stop" },
    usage: { inputTokens: 3, outputTokens: 1 },
    timing: { timeToFirstTokenMs: undefined, totalMs: 5 },
    response: { id: "r1", modelId: "m" },
    rateLimit: undefined,
  };
}

describe("cacheKey", () => {
  it("is stable under key order and ignores headers and undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 2 }] })).toBe('{"a":[1,{"c":2}],"b":1}');
    const base = cacheKey({ models: ["openai:gpt-4o", "openai:gpt-4o"], request });
    const reordered = cacheKey({
      models: ["openai:gpt-4o"],
      request: {
        maxTokens: 10,
        temperature: 0.7,
        messages: request.messages,
        seed: undefined,
        headers: { authorization: "Bearer sk-x" },
      },
    });
    expect(reordered).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with anything that changes the answer: sampling, model, sample id", () => {
    const base = cacheKey({ models: ["openai:gpt-4o"], request });
    expect(cacheKey({ models: ["openai:gpt-4o"], request: { ...request, temperature: 0.8 } })).not.toBe(base);
    expect(cacheKey({ models: ["openai:gpt-4o-mini"], request })).not.toBe(base);
    expect(cacheKey({ models: ["openai:gpt-4o"], request, sampleId: "1" })).not.toBe(base);
    expect(cacheKey({ models: ["openai:gpt-4o"], request, sampleId: "1" })).not.toBe(
      cacheKey({ models: ["openai:gpt-4o"], request, sampleId: "2" }),
    );
  });
});

describe("MemoryStore", () => {
  it("evicts the least recently used entry", async () => {
    const store = new MemoryStore(2);
    await store.set("a", reply("a"));
    await store.set("b", reply("b"));
    await store.get("a");
    await store.set("c", reply("c"));
    expect(await store.get("b")).toBeUndefined();
    expect((await store.get("a"))?.text).toBe("a");
    expect(store.size).toBe(2);
  });
});

describe("DiskStore", () => {
  it("answers from a fresh instance on the same directory and treats corrupt entries as misses", async () => {
    const directory = await mkdtemp(join(tmpdir(), "weft-cache-"));
    const key = "ab".repeat(32);
    await new DiskStore(directory).set(key, reply("kept"));
    expect((await new DiskStore(directory).get(key))?.text).toBe("kept");
    expect(await readdir(join(directory, "ab"))).toEqual([`${key}.json`]);
    await writeFile(join(directory, "ab", `${key}.json`), "{ half");
    expect(await new DiskStore(directory).get(key)).toBeUndefined();
    await expect(new DiskStore(directory).get("../../etc/passwd")).rejects.toThrow(RangeError);
  });

  it("warms memory from disk through a tiered store", async () => {
    const directory = await mkdtemp(join(tmpdir(), "weft-cache-"));
    const key = "cd".repeat(32);
    await new DiskStore(directory).set(key, reply("cold"));
    const memory = new MemoryStore();
    const tiered = new TieredStore(memory, new DiskStore(directory));
    expect((await tiered.get(key))?.text).toBe("cold");
    expect((await memory.get(key))?.text).toBe("cold");
  });
});
