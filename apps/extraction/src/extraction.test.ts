import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tracePipeline } from "@weft/runner";
import { checkSchemas } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { ProductExtraction, rows } from "./pipeline.js";
import { runExtraction } from "./run-extraction.js";

const listing = (category: string, physical: boolean, claims: string[]) => ({
  category: { category, isPhysicalProduct: physical },
  attributes: { brand: "Acme", colors: [], materials: [], priceEur: 10 },
  claims,
  checks: claims.map((_, index) => ({ verifiable: index === 0, reason: "r" })),
});

describe("the extraction app", () => {
  it("declares schemas that fit along every edge, map body included", () => {
    expect(checkSchemas(tracePipeline(new ProductExtraction()))).toEqual([]);
  });

  it("expands a listing into one row per claim and filters out what is not a product", () => {
    const input = { sku: "P-1", title: "t", description: "d" };
    expect(rows(listing("home", true, ["Lasts a lifetime", "Sturdy"]), input)).toEqual([
      {
        sku: "P-1",
        category: "home",
        brand: "Acme",
        priceEur: 10,
        claim: "Lasts a lifetime",
        verifiable: true,
      },
      { sku: "P-1", category: "home", brand: "Acme", priceEur: 10, claim: "Sturdy", verifiable: false },
    ]);
    expect(rows(listing("other", true, ["Great"]), input)).toEqual([]);
    expect(rows(listing("food", false, ["Great"]), input)).toEqual([]);
  });

  it("runs end to end against the mock server, with node outputs and a CSV view", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "weft-extraction-")), "run");
    const run = await runExtraction({ env: {}, out, log: () => undefined, mockLatency: {} });
    expect(run.metadata.counts).toMatchObject({ items: 10, succeeded: 10, failed: 0 });
    const nodes = await readFile(join(out, "nodes", "llminference_6", "000.jsonl"), "utf8");
    const claimsPerItem = new Map(
      nodes
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { item_id: string; output: { claims: string[] } })
        .map((row) => [row.item_id, row.output.claims.length]),
    );
    expect(claimsPerItem.size).toBe(10);
    expect(run.metadata.counts.rows).toBeLessThanOrEqual(
      [...claimsPerItem.values()].reduce((a, b) => a + b, 0),
    );
    await expect(stat(join(out, "flattened", "000.csv"))).resolves.toBeTruthy();
  });
});
