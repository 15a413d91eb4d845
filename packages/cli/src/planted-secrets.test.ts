import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PLANTED_ENV,
  PLANTED_HEADER,
  PLANTED_KEY,
  PLANTED_OPTION,
} from "../fixtures/planted-secrets.pipeline.js";
import { FIXTURES, tempDir } from "./test-support/mock-run.js";
import { echoingFailure, leaks, readTree } from "./test-support/planted.js";
import { runWeft } from "./test-support/spawn-weft.js";

const SECRETS = [PLANTED_KEY, PLANTED_HEADER, PLANTED_OPTION, PLANTED_ENV];

let server: MockServer;
beforeAll(async () => {
  // Only the planted key is accepted: a run that did not send it would get 401s.
  server = await startMockServer({
    seed: 11,
    apiKeys: [PLANTED_KEY],
    scriptedReplies: [echoingFailure("planted", SECRETS)],
  });
});
afterAll(() => server.close());

describe("the weft binary keeps planted secrets out of everything it writes and prints", {
  timeout: 90_000,
}, () => {
  it("run folder (all files), --json-logs stdout and stderr, with --profile, node outputs, CSV, Parquet and a failure", async () => {
    const dir = await tempDir();
    const input = join(dir, "items.jsonl");
    const stories = [1, 2, 3].map((n) => JSON.stringify({ id: `s${n}`, text: `Story ${n}.` }));
    await writeFile(input, `${stories.join("\n")}\n`);
    const out = join(dir, "out");
    const result = await runWeft(
      [
        "run",
        join(FIXTURES, "planted-secrets.pipeline.ts"),
        "--input",
        input,
        "--out",
        out,
        "--concurrency",
        "1",
        "--profile",
        "--json-logs",
        "--node-outputs",
        "--csv",
        "--parquet",
      ],
      { WEFT_TEST_BASE_URL: server.openaiBaseURL, PLANTED_ENV_TOKEN: PLANTED_ENV },
    );
    expect(result.stderr).toContain("run completed in");
    expect(result.code).toBe(0);

    // The secrets were really sent: the key (else 401), the headers, the environment value.
    expect(server.requests.map((request) => request.status)).toEqual([400, 200, 200]);
    expect(server.requests[1]?.headers).toMatchObject({
      "x-custom-auth": PLANTED_HEADER,
      "x-client-secret": PLANTED_OPTION,
      "x-org-token": PLANTED_ENV,
    });

    const files = await readTree(out);
    for (const written of [
      "metadata.json",
      "graph.json",
      "trace.json",
      "outputs/000.jsonl",
      "errors/000.jsonl",
      "flattened/000.csv",
      "flattened/000.parquet",
      "state/items.jsonl",
      "state/checkpoint/items.jsonl",
    ]) {
      expect(files.get(written), written).toBeTruthy();
    }
    expect([...files.keys()].some((path) => path.startsWith("nodes/"))).toBe(true);
    const error = JSON.parse(files.get("errors/000.jsonl")?.trim() ?? "{}") as Record<string, string>;
    expect(error).toMatchObject({ item_id: "s1", stage: "run" });
    expect(error.message).toContain("Incorrect API key provided");
    const events = result.stdout.trimEnd().split("\n");
    expect(events.some((line) => line.includes("Incorrect API key provided"))).toBe(true);
    const metadata = JSON.parse(files.get("metadata.json") ?? "{}") as { resources: unknown };
    expect(JSON.stringify(metadata.resources)).toContain("x-custom-auth");

    const everything = new Map(files);
    everything.set("(stdout)", result.stdout);
    everything.set("(stderr)", result.stderr);
    expect(leaks(everything, SECRETS)).toEqual([]);
  });
});
