// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { Secret } from "../secrets/secret.js";
import { describeResourceConfig } from "./describe-config.js";
import { loadResourceConfig } from "./load-config.js";
import { parseResourceConfig } from "./parse-config.js";

const KEY = "sk-planted-config-0123456789";
const env = { OPENAI_API_KEY: KEY };

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (ResourceConfigError.is(error)) return error.issues;
    throw error;
  }
  throw new Error("expected a ResourceConfigError");
}

describe("parseResourceConfig", () => {
  it("applies defaults, names inline endpoints and shares named ones", () => {
    const config = parseResourceConfig(
      {
        defaults: { timeoutMs: 5_000, retry: { maxAttempts: 2 } },
        endpoints: { shared: { model: { provider: "openai", model: "gpt-4o-mini" }, rpm: 500 } },
        aliases: {
          fast: { endpoints: ["shared", { model: new MockLanguageModel(), retry: { baseDelayMs: 1 } }] },
          judge: { model: { provider: "openai", model: "gpt-4o" }, adaptive: false },
          backup: { endpoints: ["shared"], strategy: "round_robin", fallbacks: ["judge"] },
        },
      },
      { env },
    );
    expect(config.aliases.fast).toMatchObject({
      endpoints: ["shared", "fast#1"],
      strategy: "least_loaded",
      fallbacks: [],
    });
    expect(config.aliases.judge?.endpoints).toEqual(["judge#0"]);
    expect(config.endpoints.shared).toMatchObject({
      rpm: 500,
      timeoutMs: 5_000,
      burstSeconds: 1,
      weight: 1,
      adaptive: {},
    });
    expect(config.endpoints["fast#1"]?.retry).toEqual({
      maxAttempts: 2,
      baseDelayMs: 1,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 60_000,
    });
    expect(config.endpoints["judge#0"]?.adaptive).toBe(false);
    expect(config.cache).toBeUndefined();
    // A validated config is valid input and parses to the same thing.
    expect(parseResourceConfig(config, { env: {} })).toEqual(config);
  });

  it("reads ${ENV} keys into secrets that never print", () => {
    const config = parseResourceConfig(
      { aliases: { a: { model: { provider: "openai", model: "m", apiKey: "${OPENAI_API_KEY}" } } } },
      { env },
    );
    const model = config.endpoints["a#0"]?.model as { apiKey: Secret };
    expect(Secret.is(model.apiKey) && model.apiKey.reveal()).toBe(KEY);
    const shown = [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      String(model.apiKey),
      JSON.stringify(describeResourceConfig(config)),
    ];
    for (const text of shown) expect(text).not.toContain(KEY);
    expect(describeResourceConfig(config)).toMatchObject({
      endpoints: {
        "a#0": { model: { provider: "openai", model: "m", apiKey: "${OPENAI_API_KEY} [redacted]" } },
      },
    });
  });

  it("reports every bad field with its path, never a key's value", () => {
    const issues = issuesOf(() =>
      parseResourceConfig(
        {
          endpoints: { e: { model: { provider: "openai", model: "m" }, rpm: -1 } },
          aliases: {
            a: {
              endpoints: [
                "missing",
                { model: { provider: "openai", model: "m", apiKey: "${NOPE}" }, tpm: "x" },
              ],
            },
            b: { model: { provider: "openai", model: "m", apiKey: KEY }, weight: 0, bogus: 1 },
            c: { endpoints: ["e"], fallbacks: ["c", "zzz"], strategy: "random" },
          },
        },
        { env },
      ),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "endpoints.e.rpm",
        "aliases.a.endpoints.1.tpm",
        "aliases.b.weight",
        "aliases.b",
        "aliases.c.strategy",
      ]),
    );
    expect(JSON.stringify(issues)).not.toContain(KEY);
  });

  it("checks references once the shape is valid", () => {
    const issues = issuesOf(() =>
      parseResourceConfig(
        {
          endpoints: { e: { id: "other", model: { provider: "p", model: "m" } } },
          aliases: {
            a: { endpoints: ["missing", { model: { provider: "p", model: "m", apiKey: "${NOPE}" } }] },
            c: { endpoints: ["e"], fallbacks: ["c", "zzz"] },
          },
        },
        { env },
      ),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["endpoints.e.id", 'must equal its key "e" (or be left out)'],
      ["aliases.a.endpoints.0", 'no endpoint named "missing" under endpoints'],
      ["aliases.a.endpoints.1.model.apiKey", "environment variable NOPE is not set"],
      ["aliases.c.fallbacks.0", "an alias cannot fall back to itself"],
      ["aliases.c.fallbacks.1", 'no alias named "zzz"'],
    ]);
  });
});

describe("loadResourceConfig", () => {
  it("reads YAML, resolves the cache directory next to the file, and locates bad fields by line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-config-"));
    const good = join(dir, "resources.yaml");
    await writeFile(
      good,
      "aliases:\n  fast:\n    model: { provider: openai, model: gpt-4o-mini, apiKey: '${OPENAI_API_KEY}' }\n    rpm: 500\ncache:\n  directory: .cache\n",
    );
    const config = await loadResourceConfig(good, { env });
    expect(config.endpoints["fast#0"]?.rpm).toBe(500);
    expect(config.cache).toEqual({ maxEntries: 1_000, directory: join(dir, ".cache") });

    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "aliases:\n  fast:\n    model: { provider: openai, model: m }\n    rpm: -5\n");
    const error = await loadResourceConfig(bad, { env }).catch((e: unknown) => e);
    expect(ResourceConfigError.is(error) && error.issues).toEqual([
      { path: "aliases.fast.rpm", message: "Too small: expected number to be >0", line: 4, column: 10 },
    ]);
    expect((error as Error).message).toContain(bad);
    expect((error as Error).message).toContain("aliases.fast.rpm (line 4:10)");
  });

  it("reads JSON, and reports a syntax error by position without echoing the text", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-config-"));
    const json = join(dir, "resources.json");
    await writeFile(json, JSON.stringify({ aliases: { a: { model: { provider: "openai", model: "m" } } } }));
    expect(Object.keys((await loadResourceConfig(json)).endpoints)).toEqual(["a#0"]);
    const broken = join(dir, "broken.yaml");
    await writeFile(broken, `aliases:\n  a: { apiKey: ${KEY}\n`);
    const error = await loadResourceConfig(broken).catch((e: unknown) => e);
    expect(ResourceConfigError.is(error)).toBe(true);
    expect((error as ResourceConfigError).issues[0]?.line).toBeGreaterThan(0);
    expect((error as Error).message).not.toContain(KEY);
    const missing = await loadResourceConfig(join(dir, "nope.yaml")).catch((e: unknown) => e);
    expect((missing as ResourceConfigError).issues[0]?.message).toBe("cannot read the file (ENOENT)");
  });
});
