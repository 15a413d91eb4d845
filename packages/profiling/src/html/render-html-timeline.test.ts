import type { WeftEvent } from "@weft/core";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { Profiler } from "../profiler/profiler.js";
import { graphNode, nodeEvent, runFinished, runStarted } from "../test-support/event-builders.js";
import { EXAMPLE_RUN_ID, EXAMPLE_WORDS, runExample } from "../test-support/example-run.js";
import { knownRunEvents } from "../test-support/known-run.js";
import { profileEvents } from "../test-support/profile-events.js";
import { renderHtmlTimeline } from "./render-html-timeline.js";

function load(html: string) {
  const window = new Window();
  window.document.write(html);
  const document = window.document;
  const lanes = [...document.querySelectorAll(".lane")];
  // A merged block stands for `data-count` spans.
  const spansPerLane: Record<string, number> = Object.fromEntries(
    lanes.map((lane) => [
      lane.getAttribute("data-lane") ?? "",
      [...lane.querySelectorAll(".span")].reduce(
        (total, span) => total + Number(span.getAttribute("data-count") ?? 1),
        0,
      ),
    ]),
  );
  const blocksPerLane: Record<string, number> = Object.fromEntries(
    lanes.map((lane) => [lane.getAttribute("data-lane") ?? "", lane.querySelectorAll(".span").length]),
  );
  return { document, spansPerLane, blocksPerLane };
}

/**
 * 500 short `op` nodes, one every 2 ms from 0 (0.1 ms each; n250 fails), then `end` (an LLM node, 1000-1100)
 * after the last.
 */
function manyShortNodes(): WeftEvent[] {
  const ids = Array.from({ length: 500 }, (_, index) => `n${index}`);
  return [
    runStarted(0, "r1", [
      ...ids.map((id) => graphNode(id, "op", [])),
      graphNode("end", "llm", ["n499"], "fast"),
    ]),
    ...ids.flatMap((id, index) => [
      nodeEvent("node.started", index * 2, id, { kind: "op" }),
      nodeEvent(index === 250 ? "node.failed" : "node.finished", index * 2 + 0.1, id, { kind: "op" }),
    ]),
    nodeEvent("node.started", 1000, "end", { kind: "llm", alias: "fast" }),
    nodeEvent("node.finished", 1100, "end", { kind: "llm", alias: "fast" }),
    runFinished(1100, "r1"),
  ];
}

describe("renderHtmlTimeline", () => {
  it("draws runs of spans too short to see as merged blocks that keep the count, never the critical path's", () => {
    const trace = profileEvents(manyShortNodes()).toJSON();
    // 50 columns over 1.1 s: 22 ms each, so about 11 of the 2 ms-apart nodes share a block.
    const { document, spansPerLane, blocksPerLane } = load(renderHtmlTimeline(trace, { columns: 50 }));
    expect(spansPerLane).toEqual({ "run r1/run": 1, "run r1/graph 1": 501 });
    expect(blocksPerLane["run r1/graph 1"]).toBeLessThan(60);
    const merged = [...document.querySelectorAll(".span.merged")];
    expect(merged.every((block) => block.classList.contains("kind-op"))).toBe(true);
    expect(merged[0]?.getAttribute("title")).toContain("from n0 to n10");
    // n499 (the critical path's first step), `end` and the failed n250 stay spans of their own.
    expect([...document.querySelectorAll(".node.failed")].map((span) => span.textContent)).toEqual(["n250"]);
    const critical = [...document.querySelectorAll(".node.critical")].map((span) => span.textContent);
    expect(critical).toEqual(["n499", "end"]);
    // columns: 0 draws every span; the default (2000 columns, 0.55 ms) does not merge nodes 2 ms apart.
    expect(load(renderHtmlTimeline(trace, { columns: 0 })).blocksPerLane["run r1/graph 1"]).toBe(501);
    expect(load(renderHtmlTimeline(trace)).blocksPerLane["run r1/graph 1"]).toBe(501);
  });

  it("draws a lane per slot, bubbles and run lanes with the right spans", () => {
    const profiler = new Profiler({ capacity: { fast: 2 } });
    for (const event of knownRunEvents()) profiler.onEvent(event);
    const { document, spansPerLane } = load(renderHtmlTimeline(profiler.toJSON()));
    expect(spansPerLane).toEqual({
      "fast/slot 0": 2,
      "fast/slot 1": 2,
      "fast/bubbles": 1,
      "slow/slot 0": 1,
      "slow/bubbles": 1,
      "run r1/run": 1,
      "run r1/compute 1": 1,
      "run r1/graph 1": 3,
      "run r1/graph 2": 1,
      "run r1/graph 3": 1,
    });
    const critical = [...document.querySelectorAll(".node.critical")].map((span) => span.textContent);
    expect(critical).toEqual(["load", "merge", "judge", "b"]);
    expect(document.querySelectorAll(".attempt.critical").length).toBe(3);
    const rateLimited = document.querySelector('[data-lane="fast/slot 1"] .attempt.rate_limited');
    expect(rateLimited?.getAttribute("title")).toContain("b · attempt 1 · rate_limited");
    expect(rateLimited?.getAttribute("style")).toBe("left:6.2500%;width:6.2500%");
    const steps = [...document.querySelectorAll(".critical-path tbody tr td:first-child")].map(
      (cell) => cell.textContent,
    );
    expect(steps).toEqual(["load", "b", "merge", "judge"]);
  });

  it("shows a span's details on hover", async () => {
    const profiler = new Profiler();
    for (const event of knownRunEvents()) profiler.onEvent(event);
    const window = new Window({ settings: { enableJavaScriptEvaluation: true } });
    window.document.write(renderHtmlTimeline(profiler.toJSON()));
    await window.happyDOM.waitUntilComplete();
    const span = window.document.querySelector('[data-lane="slow/slot 0"] .attempt');
    const tip = window.document.getElementById("tip") as unknown as {
      hidden: boolean;
      textContent: string;
    } | null;
    expect(span?.getAttribute("title")).toBeNull();
    expect(tip?.hidden).toBe(true);
    span?.dispatchEvent(new window.MouseEvent("mousemove", { bubbles: true, clientX: 10, clientY: 10 }));
    expect(tip?.hidden).toBe(false);
    expect(tip?.textContent).toContain("judge · attempt 1 · ok");
    expect(tip?.textContent).toContain("tokens 300 in / 30 out");
    await window.happyDOM.close();
  });

  it("is self-contained: no external resources", () => {
    const profiler = new Profiler();
    for (const event of knownRunEvents()) profiler.onEvent(event);
    const html = renderHtmlTimeline(profiler.toJSON());
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain("@import");
  });

  it("renders the example run's lanes: every attempt and node, once", async () => {
    const profiler = await runExample();
    const model = profiler.snapshot();
    const { spansPerLane } = load(renderHtmlTimeline(profiler.toJSON()));
    const count = (prefix: string) =>
      Object.entries(spansPerLane)
        .filter(([lane]) => lane?.startsWith(prefix))
        .reduce((sum, [, spans]) => sum + spans, 0);
    // One `fast` attempt per word plus the retry after the injected 429, on both of its slots; one `smart` call.
    const words = EXAMPLE_WORDS.split(" ").length;
    expect(count("fast/slot")).toBe(words + 1);
    expect(count("fast/slot")).toBe(model.attempts.filter((a) => a.alias === "fast").length);
    expect(Object.keys(spansPerLane).filter((lane) => lane?.startsWith("fast/slot"))).toEqual([
      "fast/slot 0",
      "fast/slot 1",
    ]);
    expect(count("smart/slot")).toBe(1);
    // The two user leaf modules on one compute lane (they never overlap), every other node on graph lanes.
    const run = `run ${EXAMPLE_RUN_ID}`;
    expect(spansPerLane[`${run}/compute 1`]).toBe(2);
    expect(count(`${run}/graph`)).toBe(model.nodes.length - 2);
    expect(count(`${run}/graph`)).toBe(model.nodes.filter((node) => node.kind !== "leaf").length);
    expect(spansPerLane[`${run}/run`]).toBe(1);
  });
});
