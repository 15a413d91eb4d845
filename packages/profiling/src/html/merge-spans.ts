import { mergedHtml, type Scale } from "./timeline-spans.js";

/** How a lane's items are drawn and which of them may be merged. */
export interface LaneDrawing<T> {
  readonly scale: Scale;
  /** Items shorter than this (ms) that start within it of each other may be merged; 0 merges nothing. */
  readonly columnMs: number;
  readonly extent: (item: T) => readonly [startMs: number, endMs: number];
  /** The classes an item is drawn with when it may be merged; `undefined` keeps it on its own (critical, failed). */
  readonly look: (item: T) => string | undefined;
  readonly name: (item: T) => string;
  readonly draw: (item: T) => string;
}

/**
 * A lane's spans (`items` in start order), with runs of tiny ones merged: an item shorter than `columnMs` joins
 * the group before it when it starts within `columnMs` of the group's first start and nothing unmergeable came
 * between. A group of one is drawn as itself; a larger one as a single `.span.merged` block (`data-count`) in the
 * commonest look of its items, so a lane of thousands of short calls draws at most one block per column.
 */
export function drawLane<T>(items: readonly T[], drawing: LaneDrawing<T>): string[] {
  const { columnMs, extent, look } = drawing;
  if (columnMs <= 0) return items.map(drawing.draw);
  const spans: string[] = [];
  // Each member with the look it was merged under, so no look is computed twice.
  let group: { readonly item: T; readonly look: string }[] = [];
  let groupStart = 0;
  const flush = () => {
    if (group.length === 1) spans.push(drawing.draw((group[0] as { item: T }).item));
    else if (group.length > 1) spans.push(merged(group, drawing));
    group = [];
  };
  for (const item of items) {
    const [start, end] = extent(item);
    const itemLook = end - start < columnMs ? look(item) : undefined;
    if (itemLook === undefined || group.length === 0 || start - groupStart >= columnMs) flush();
    if (itemLook === undefined) {
      spans.push(drawing.draw(item));
      continue;
    }
    if (group.length === 0) groupStart = start;
    group.push({ item, look: itemLook });
  }
  flush();
  return spans;
}

function merged<T>(
  group: readonly { readonly item: T; readonly look: string }[],
  drawing: LaneDrawing<T>,
): string {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const looks = new Map<string, number>();
  for (const { item, look } of group) {
    const [from, to] = drawing.extent(item);
    start = Math.min(start, from);
    end = Math.max(end, to);
    looks.set(look, (looks.get(look) ?? 0) + 1);
  }
  let commonest = "";
  let most = 0;
  for (const [look, count] of looks) {
    if (count > most) {
      commonest = look;
      most = count;
    }
  }
  return mergedHtml(drawing.scale, commonest, start, end, {
    count: group.length,
    first: drawing.name((group[0] as { item: T }).item),
    last: drawing.name((group.at(-1) as { item: T }).item),
  });
}
