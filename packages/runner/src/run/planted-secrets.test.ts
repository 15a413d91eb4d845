import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { inspect } from "node:util";
import { EventBus, type WeftEvent } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import { ProviderRegistry } from "@weft/resources";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempFolder } from "../folder/test-folder.js";
import { items, SummarizeAndRate } from "../test-support/test-pipeline.js";
import { runDataset } from "./run-dataset.js";

const KEY = "sk-PLANTED-runner-key-41c9e0";
const HEADER = "sk-PLANTED-runner-header-d83b2f";
const OPTION = "sk-PLANTED-runner-option-6a0e57";
const SECRETS = [KEY, HEADER, OPTION];

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    seed: 13,
    apiKeys: [KEY],
    // The first call fails with an error body that quotes every secret, as some APIs quote a rejected key.
    scriptedReplies: [
      {
        count: 1,
        reply: {
          status: 400,
          body: {
            error: {
              message: `Incorrect API key provided: ${SECRETS.join(", ")}`,
              type: "invalid_request_error",
            },
          },
        },
      },
    ],
  });
});
afterAll(() => server.close());

const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL, headers, options }) =>
  createOpenAI({
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
    headers: { ...(options?.headers as Record<string, string>), ...headers },
  }).languageModel(model),
);

/** Every file under `dir`, concatenated with its path, binary files as latin1. */
async function everythingIn(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      parts.push(`== ${path}\n${await readFile(path, "latin1")}`);
    }
  }
  return parts.join("\n");
}

describe("runDataset keeps planted secrets out of the run folder, its events and its result", () => {
  it("with profiling, node outputs, CSV, Parquet and a failed call whose error quotes the secrets", async () => {
    const out = await tempFolder();
    const events = new EventBus<WeftEvent>();
    const seen: string[] = [];
    events.onAny((event) => seen.push(inspect(event, { depth: 12 })));
    const result = await runDataset(new SummarizeAndRate(), items(3), {
      out,
      registry,
      resources: {
        aliases: {
          fast: {
            model: {
              provider: "openai",
              model: "gpt-4o-mini",
              apiKey: KEY,
              baseURL: server.openaiBaseURL,
              headers: { "x-custom-auth": HEADER },
              options: { headers: { "x-client-secret": OPTION } },
            },
            retry: { maxAttempts: 1 },
          },
        },
      },
      idField: "id",
      maxConcurrency: 1,
      profile: true,
      nodeOutputs: true,
      csv: true,
      parquet: true,
      events,
    });

    expect(result.session).toMatchObject({ succeeded: 2, failed: 1 });
    expect(server.requests.map((request) => request.status)).toEqual([400, 200, 200, 200, 200]);
    expect(server.requests[1]?.headers).toMatchObject({ "x-custom-auth": HEADER, "x-client-secret": OPTION });
    const folder = await everythingIn(out);
    for (const path of [
      "trace.json",
      "errors/000.jsonl",
      "state/checkpoint/items.jsonl",
      "nodes/",
      "000.parquet",
    ]) {
      expect(folder).toContain(path);
    }
    expect(folder).toContain("Incorrect API key provided");
    const printed = [folder, seen.join("\n"), inspect(result, { depth: 12 })].join("\n");
    for (const secret of SECRETS) expect(printed).not.toContain(secret);
  });
});
