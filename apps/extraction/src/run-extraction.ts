import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runSummary } from "@weft/cli";
import { type RunDatasetResult, runDataset } from "@weft/runner";
import type { MockLatency } from "@weft/testing";
import { chooseEndpoints } from "@weft-app/demo/endpoints";
import { ProductExtraction, rows } from "./pipeline.js";

/** The bundled dataset: ten product listings. */
export const PRODUCTS = fileURLToPath(new URL("../data/products.jsonl", import.meta.url));

/** Options of {@link runExtraction}. */
export interface ExtractionOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The run folder. Default: `runs/<date-time>` under the app. */
  readonly out?: string;
  readonly log?: (line: string) => void;
  readonly mockLatency?: MockLatency;
}

/** One row of the expanded output, as printed. */
interface ClaimRow {
  readonly sku: string;
  readonly category: string;
  readonly claim: string;
  readonly verifiable: boolean | null;
}

function defaultOut(): string {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(/[-:]/g, "").replace("T", "-");
  return fileURLToPath(new URL(`../runs/${stamp}`, import.meta.url));
}

/** Runs {@link ProductExtraction} over the bundled listings (with node outputs and CSV views) and prints the claim rows. */
export async function runExtraction(options: ExtractionOptions): Promise<RunDatasetResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const endpoints = await chooseEndpoints(options.env, {
    ...(options.mockLatency ? { mockLatency: options.mockLatency } : {}),
  });
  log(endpoints.note);
  let run: RunDatasetResult;
  try {
    run = await runDataset(new ProductExtraction(), PRODUCTS, {
      out: resolve(options.out ?? defaultOut()),
      resources: endpoints.resources,
      idField: "sku",
      rows,
      nodeOutputs: true,
      csv: true,
    });
  } finally {
    await endpoints.close();
  }
  for (const line of runSummary(run, undefined)) log(line);
  const text = await readFile(join(run.dir, "outputs", "000.jsonl"), "utf8").catch(() => "");
  const claimRows = text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { output: ClaimRow }).output);
  log(`\n${claimRows.length} claim rows (one per claim; listings that are not products give none):`);
  for (const row of claimRows.slice(0, 12)) {
    const verdict = row.verifiable === null ? "?" : row.verifiable ? "verifiable" : "unverifiable";
    log(`  ${row.sku}  ${row.category.padEnd(11)}  ${verdict.padEnd(12)}  ${row.claim.slice(0, 70)}`);
  }
  log(`flattened CSV: ${join(run.dir, "flattened", "000.csv")}`);
  return run;
}
