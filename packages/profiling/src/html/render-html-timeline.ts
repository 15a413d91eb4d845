import type { CriticalPath, ProfileAnalysis } from "../analysis/analysis-types.js";
import { type AnalyzeOptions, analyzeModel } from "../analysis/analyze-trace.js";
import { ownerKey } from "../analysis/owner-key.js";
import { readTrace } from "../analysis/read-trace.js";
import { formatCount, formatMs, formatPercent, formatUsd } from "../format/format-units.js";
import { layoutTrace, type TraceLayout } from "../layout/trace-layout.js";
import type { AttemptSpan, NodeSpan } from "../model/profile-model.js";
import { escapeHtml } from "./escape-html.js";
import { drawLane } from "./merge-spans.js";
import { TIMELINE_CSS, TIMELINE_SCRIPT } from "./timeline-assets.js";
import {
  attemptClasses,
  attemptHtml,
  attemptName,
  bubbleHtml,
  nodeClasses,
  nodeHtml,
  runHtml,
  type Scale,
  scaleOf,
} from "./timeline-spans.js";

/** Options of {@link renderHtmlTimeline}. */
export interface HtmlTimelineOptions extends AnalyzeOptions {
  /** The page title. Default: `"weft timeline"`. */
  readonly title?: string;
  /**
   * The finest detail drawn, as a number of columns across the window: on a lane, consecutive spans shorter than
   * a column that start within one of the first are drawn as one `.span.merged` block (its `data-count` says how
   * many; it takes their commonest look), so a page for a 100k-node run stays quick to open. Spans on the critical
   * path, failed, cancelled or rate-limited ones and calls in flight are never merged, and split the blocks
   * around them. 0 draws every span. Default: 2000.
   */
  readonly columns?: number;
}

/**
 * A self-contained HTML page (inline CSS and script, no network) drawing a trace as swim lanes: per alias a lane
 * per endpoint slot with its attempts and a lane of bubbles, per run its run span and compute and graph lanes, the
 * critical path outlined, details on hover, and the critical path as a table. Every lane is a `.lane` element with
 * a `data-lane` of `<process>/<lane>`; every drawn span is a `.span` inside it (runs of spans too short to see are
 * one `.span.merged` block, see `columns`).
 */
export function renderHtmlTimeline(trace: unknown, options: HtmlTimelineOptions = {}): string {
  const model = readTrace(trace);
  const analysis = analyzeModel(model, options);
  const layout = layoutTrace(model);
  const scale = scaleOf(model.window.startMs, model.window.endMs);
  const columns = options.columns ?? 2000;
  const columnMs = columns > 0 ? (model.window.endMs - model.window.startMs) / columns : 0;
  // Each critical step's node, and when its step starts (a fan-out's gather starts after the node did).
  const critical = new Map<string, number>();
  for (const path of analysis.criticalPaths) {
    for (const step of path.steps) critical.set(ownerKey(path.runId, path.itemId, step.nodeId), step.startMs);
  }
  const title = options.title ?? "weft timeline";
  const body = [
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="summary">${escapeHtml(summaryLine(analysis))}</p>`,
    LEGEND,
    "</header>",
    '<div class="timeline">',
    axisHtml(model.window.startMs, model.window.endMs, scale),
    ...aliasGroups(layout, analysis, { scale, columnMs }, critical),
    ...runGroups(layout, { scale, columnMs }, critical, model.window.endMs),
    "</div>",
    ...analysis.criticalPaths.map(pathTable),
  ];
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${TIMELINE_CSS}</style></head>`,
    `<body><main>${body.join("\n")}</main><div id="tip" hidden></div><script>${TIMELINE_SCRIPT}</script></body></html>`,
    "",
  ].join("\n");
}

const LEGEND = [
  '<p class="legend">',
  '<span><i style="background:#3b7dd8"></i>attempt ok</span>',
  '<span><i style="background:#d9822b"></i>rate limited</span>',
  '<span><i style="background:#c23b3b"></i>failed</span>',
  '<span><i class="bubble"></i>bubble</span>',
  '<span><i style="background:#2f9e78"></i>leaf module</span>',
  '<span><i style="background:#5a6fd6"></i>LLM node</span>',
  '<span><i style="background:#6b7f94"></i>other node</span>',
  '<span><i class="critical" style="background:#fff"></i>critical path</span>',
  "</p>",
].join("");

function summaryLine(analysis: ProfileAnalysis): string {
  const { totals } = analysis;
  return (
    `${formatMs(analysis.window.durationMs)} window · ${formatCount(totals.calls)} calls · ` +
    `${formatCount(totals.attempts)} attempts · ${formatCount(totals.inputTokens)} in / ` +
    `${formatCount(totals.outputTokens)} out tokens · ${formatUsd(totals.costUsd)}`
  );
}

function lane(id: string, label: string, spans: readonly string[]): string {
  return (
    `<div class="lane" data-lane="${escapeHtml(id)}"><div class="label" title="${escapeHtml(label)}">` +
    `${escapeHtml(label)}</div><div class="track">${spans.join("")}</div></div>`
  );
}

function axisHtml(startMs: number, endMs: number, scale: Scale): string {
  const span = endMs - startMs;
  const raw = span / 8;
  const magnitude = 10 ** Math.floor(Math.log10(raw > 0 ? raw : 1));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: string[] = [];
  for (let at = Math.ceil(startMs / step) * step; span > 0 && at <= endMs + 1e-9; at += step) {
    ticks.push(
      `<span class="tick" style="left:${scale.left(at).toFixed(4)}%">${escapeHtml(formatMs(at))}</span>`,
    );
  }
  return `<div class="axis"><div class="label"></div><div class="track">${ticks.join("")}</div></div>`;
}

/** The scale and the merge threshold every lane is drawn with. */
interface Drawing {
  readonly scale: Scale;
  readonly columnMs: number;
}

function aliasGroups(
  layout: TraceLayout,
  analysis: ProfileAnalysis,
  { scale, columnMs }: Drawing,
  critical: ReadonlyMap<string, number>,
): string[] {
  return layout.aliases.map((process) => {
    const figures = analysis.aliases.find((alias) => alias.alias === process.alias);
    const heading = figures
      ? `capacity ${figures.capacity}${figures.capacitySource === "observed" ? " (observed)" : ""} · utilization ` +
        `${formatPercent(figures.utilization)} · ${figures.bubbles.length} bubble${figures.bubbles.length === 1 ? "" : "s"} ` +
        `(${formatMs(figures.bubbleMs)}) · queue ${formatMs(figures.waits.queueMs)} · service ${formatMs(figures.busyMs)}`
      : "";
    const onPath = (attempt: AttemptSpan) =>
      attempt.nodeId !== undefined && critical.has(ownerKey(attempt.runId, attempt.itemId, attempt.nodeId));
    const lanes = process.lanes.map((slot) =>
      lane(
        `${process.alias}/${slot.name}`,
        slot.name,
        drawLane(slot.attempts, {
          scale,
          columnMs,
          extent: (attempt) => [attempt.startMs, attempt.endMs],
          look: (attempt) =>
            attempt.outcome === "ok" && !onPath(attempt) ? attemptClasses(attempt, false) : undefined,
          name: attemptName,
          draw: (attempt) => attemptHtml(scale, attempt, onPath(attempt)),
        }),
      ),
    );
    if (figures && figures.bubbles.length > 0) {
      lanes.push(
        lane(
          `${process.alias}/bubbles`,
          "bubbles",
          figures.bubbles.map((bubble) => bubbleHtml(scale, bubble)),
        ),
      );
    }
    return (
      `<section class="group" data-alias="${escapeHtml(process.alias)}"><h2>${escapeHtml(process.alias)}` +
      `<small>${escapeHtml(heading)}</small></h2>${lanes.join("")}</section>`
    );
  });
}

function runGroups(
  layout: TraceLayout,
  { scale, columnMs }: Drawing,
  critical: ReadonlyMap<string, number>,
  windowEnd: number,
): string[] {
  return layout.runs.map((process) => {
    const { run } = process;
    const lanes: string[] = [];
    if (run.startMs !== undefined) {
      lanes.push(
        lane(`${process.name}/run`, "run", [runHtml(scale, run, run.startMs, run.endMs ?? windowEnd)]),
      );
    }
    for (const nodeLane of process.lanes) {
      const onPath = (node: NodeSpan) => critical.has(ownerKey(node.runId, node.itemId, node.nodeId));
      const spans = drawLane(nodeLane.nodes, {
        scale,
        columnMs,
        extent: (node) => [node.startMs, node.endMs],
        look: (node) => (node.status === "finished" && !onPath(node) ? nodeClasses(node, false) : undefined),
        name: (node) => node.nodeId,
        draw: (node) => nodeHtml(scale, node, critical.get(ownerKey(node.runId, node.itemId, node.nodeId))),
      });
      lanes.push(lane(`${process.name}/${nodeLane.name}`, nodeLane.name, spans));
    }
    return (
      `<section class="group" data-run="${escapeHtml(run.runId)}"><h2>${escapeHtml(process.name)}</h2>` +
      `${lanes.join("")}</section>`
    );
  });
}

function pathTable(path: CriticalPath): string {
  const where = path.itemId === undefined ? `run ${path.runId}` : `run ${path.runId}, item ${path.itemId}`;
  const rows = path.steps.map((step) => {
    const calls = step.calls
      ? `${step.calls.alias}: service ${formatMs(step.calls.serviceMs)}, queue ${formatMs(step.calls.waits.queueMs)}, ` +
        `rate limit ${formatMs(step.calls.waits.rateLimitMs)}, backoff ${formatMs(step.calls.waits.retryBackoffMs)}`
      : "";
    return (
      `<tr><td>${escapeHtml(step.nodeId)}</td><td>${escapeHtml(step.kind)}</td>` +
      `<td class="num">${formatMs(step.startMs)}</td><td class="num">${formatMs(step.waitMs)}</td>` +
      `<td class="num">${formatMs(step.durationMs)}</td><td>${escapeHtml(calls)}</td></tr>`
    );
  });
  return (
    `<section class="critical-path"><h2>Critical path (${escapeHtml(where)}): ${formatMs(path.totalMs)}</h2>` +
    "<table><thead><tr><th>node</th><th>kind</th><th>start</th><th>wait</th><th>duration</th><th>LLM calls</th></tr></thead>" +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}
