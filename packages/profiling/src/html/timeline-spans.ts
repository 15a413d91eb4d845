import type { Bubble } from "../analysis/analysis-types.js";
import { formatCount, formatMs, formatUsd } from "../format/format-units.js";
import type { AttemptSpan, NodeSpan, RunSpan } from "../model/profile-model.js";
import { escapeHtml } from "./escape-html.js";

/** Maps times to horizontal positions, as percentages of the window. */
export interface Scale {
  readonly left: (ms: number) => number;
  readonly width: (startMs: number, endMs: number) => number;
}

/** A scale over `[startMs, endMs]`. */
export function scaleOf(startMs: number, endMs: number): Scale {
  const span = endMs > startMs ? endMs - startMs : 1;
  return {
    left: (ms) => ((ms - startMs) / span) * 100,
    width: (from, to) => (Math.max(0, to - from) / span) * 100,
  };
}

/** The `style` that places `[startMs, endMs]` on a lane. */
const placed = (scale: Scale, startMs: number, endMs: number) =>
  `left:${scale.left(startMs).toFixed(4)}%;width:${scale.width(startMs, endMs).toFixed(4)}%`;

function span(
  scale: Scale,
  classes: string,
  startMs: number,
  endMs: number,
  text: string,
  detail: string[],
  count?: number,
): string {
  const style = placed(scale, startMs, endMs);
  const counted = count === undefined ? "" : ` data-count="${count}"`;
  return `<div class="${classes}"${counted} style="${style}" title="${escapeHtml(detail.join("\n"))}">${escapeHtml(text)}</div>`;
}

const when = (startMs: number, endMs: number) =>
  `${formatMs(startMs)} → ${formatMs(endMs)} (${formatMs(endMs - startMs)})`;

/** An LLM call attempt on its slot lane. */
export function attemptHtml(scale: Scale, attempt: AttemptSpan, critical: boolean): string {
  const detail = [
    `${attempt.nodeId ?? attempt.callId} · attempt ${attempt.attempt} · ${attempt.outcome}`,
    when(attempt.startMs, attempt.endMs),
    `call ${attempt.callId} on ${attempt.endpoint} slot ${attempt.slot}${attempt.model ? ` (${attempt.model})` : ""}`,
  ];
  if (attempt.modulePath) detail.push(`module ${attempt.modulePath}`);
  if (attempt.inputTokens !== undefined || attempt.outputTokens !== undefined) {
    detail.push(
      `tokens ${formatCount(attempt.inputTokens ?? 0)} in / ${formatCount(attempt.outputTokens ?? 0)} out`,
    );
  }
  if (attempt.costUsd !== undefined) detail.push(`cost ${formatUsd(attempt.costUsd)}`);
  if (attempt.ttftMs !== undefined) detail.push(`first token after ${formatMs(attempt.ttftMs)}`);
  if (attempt.errorKind) detail.push(`error ${attempt.errorKind}`);
  return span(
    scale,
    attemptClasses(attempt, critical),
    attempt.startMs,
    attempt.endMs,
    attemptName(attempt),
    detail,
  );
}

/** The classes an attempt is drawn with. */
export const attemptClasses = (attempt: AttemptSpan, critical: boolean): string =>
  `span attempt ${attempt.outcome}${critical ? " critical" : ""}`;

/** The text an attempt is drawn with. */
export const attemptName = (attempt: AttemptSpan): string => attempt.nodeId ?? attempt.callId;

/**
 * A node on a compute or graph lane. `onPathFromMs` is when its step of the critical path starts (undefined: not on
 * the path); a fan-out reached through its elements is on the path only from its last element's end (its gather),
 * so it gets a dashed outline and that part alone the critical outline.
 */
export function nodeHtml(scale: Scale, node: NodeSpan, onPathFromMs: number | undefined): string {
  const critical = onPathFromMs !== undefined;
  const gather = critical && onPathFromMs > node.startMs;
  const detail = [
    `${node.nodeId} · ${node.kind}${node.alias ? ` on ${node.alias}` : ""} · ${node.status}`,
    when(node.startMs, node.endMs),
  ];
  if (node.modulePath) detail.push(`module ${node.modulePath}`);
  if (node.itemId !== undefined) detail.push(`item ${node.itemId}`);
  if (node.queuedMs !== undefined)
    detail.push(`ready at ${formatMs(node.queuedMs)}, waited ${formatMs(node.startMs - node.queuedMs)}`);
  if (node.retries > 0) detail.push(`${node.retries} retr${node.retries === 1 ? "y" : "ies"}`);
  if (gather) detail.push(`on the critical path from ${formatMs(onPathFromMs)} (its gather)`);
  else if (critical) detail.push("on the critical path");
  if (!gather) return span(scale, nodeClasses(node, critical), node.startMs, node.endMs, node.nodeId, detail);
  const style = placed(scale, onPathFromMs, node.endMs);
  return (
    span(scale, `${nodeClasses(node, false)} holds-critical`, node.startMs, node.endMs, node.nodeId, detail) +
    `<div class="gather critical" style="${style}"></div>`
  );
}

/** The classes a node is drawn with. */
export const nodeClasses = (node: NodeSpan, critical: boolean): string =>
  `span node kind-${node.kind.replace(/[^a-z0-9_-]/gi, "")} ${node.status}${critical ? " critical" : ""}`;

/** A run's own span. */
export function runHtml(scale: Scale, run: RunSpan, startMs: number, endMs: number): string {
  return span(scale, "span run-span", startMs, endMs, `run ${run.runId}`, [
    `run ${run.runId} · ${run.status ?? (run.endMs === undefined ? "running" : "finished")}`,
    when(startMs, endMs),
  ]);
}

/** A bubble on its alias's bubble lane. */
export function bubbleHtml(scale: Scale, bubble: Bubble): string {
  const end = bubble.startMs + bubble.durationMs;
  return span(scale, "span bubble", bubble.startMs, end, bubble.cause, [
    `bubble: no call in service while calls waited (${bubble.cause})`,
    when(bubble.startMs, end),
  ]);
}

/** Several tiny spans of one look drawn as one block: `count` of them from `first` to `last`. */
export function mergedHtml(
  scale: Scale,
  classes: string,
  startMs: number,
  endMs: number,
  names: { readonly count: number; readonly first: string; readonly last: string },
): string {
  const detail = [
    `${names.count} spans, each too short to draw at this scale`,
    `from ${names.first} to ${names.last}`,
    when(startMs, endMs),
  ];
  return span(scale, `${classes} merged`, startMs, endMs, String(names.count), detail, names.count);
}
