import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ProgressDisplay, runSummary } from "@weft/cli";
import { EventBus, systemClock, type WeftEvent } from "@weft/core";
import { formatSummary, readTraceFile, writeHtmlTimeline } from "@weft/profiling";
import { type RunDatasetResult, RunProgress, runDataset } from "@weft/runner";
import type { MockLatency } from "@weft/testing";
import { chooseEndpoints } from "./endpoints.js";
import { ArticleReport } from "./pipeline.js";

/** The bundled dataset: eight short news articles. */
export const ARTICLES = fileURLToPath(new URL("../data/articles.jsonl", import.meta.url));

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Environment that picks the endpoints (see `chooseEndpoints`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The run folder. Default: `runs/<date-time>` under the app. */
  readonly out?: string;
  /** Where the demo's lines go. Default: `console.log`. */
  readonly log?: (line: string) => void;
  /** Live progress on this stream (stderr in a terminal). Default: none. */
  readonly progress?: NodeJS.WriteStream;
  /** Latency of the mock server when it is used. Default: `chooseEndpoints`'s. */
  readonly mockLatency?: MockLatency;
}

/** What the demo did. */
export interface DemoResult {
  readonly run: RunDatasetResult;
  readonly timeline: string;
}

function defaultOut(): string {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(/[-:]/g, "").replace("T", "-");
  return fileURLToPath(new URL(`../runs/${stamp}`, import.meta.url));
}

/**
 * The README's demo: runs {@link ArticleReport} over the bundled articles into a run folder with a trace, and
 * prints which endpoints it used, where the folder, trace and timeline are, the run summary, one report, and
 * the profile of the run.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const endpoints = await chooseEndpoints(options.env, {
    ...(options.mockLatency ? { mockLatency: options.mockLatency } : {}),
  });
  log(endpoints.note);
  const events = new EventBus<WeftEvent>();
  const progress = new RunProgress({ clock: systemClock });
  events.onAny(progress.handle);
  const display = options.progress ? new ProgressDisplay(progress, options.progress, systemClock) : undefined;
  if (display) events.on("dataset.started", () => display.start());
  let run: RunDatasetResult;
  try {
    run = await runDataset(new ArticleReport(), ARTICLES, {
      out: resolve(options.out ?? defaultOut()),
      resources: endpoints.resources,
      idField: "id",
      profile: true,
      events,
    });
  } finally {
    await display?.stop();
    await endpoints.close();
  }
  const timeline = await writeHtmlTimeline(
    await readTraceFile(run.tracePath as string),
    join(run.dir, "timeline.html"),
  );
  for (const line of runSummary(run, undefined)) log(line);
  log(`timeline: ${timeline} (open it in a browser; trace.json also opens in https://ui.perfetto.dev)`);
  log("");
  log(`first report: ${await firstReport(run.dir)}`);
  if (run.profile) log(`\n${formatSummary(run.profile, { maxBubbles: 3, maxSteps: 6 })}`);
  return { run, timeline };
}

async function firstReport(dir: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const line = (await readFile(join(dir, "outputs", "000.jsonl"), "utf8")).split("\n")[0] ?? "";
  const row = JSON.parse(line) as { item_id: string; output: unknown };
  const text = JSON.stringify({ id: row.item_id, ...(row.output as object) }, null, 2);
  return text.length > 1200 ? `${text.slice(0, 1200)}…` : text;
}
