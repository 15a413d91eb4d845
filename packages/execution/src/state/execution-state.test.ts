import { describe, expect, it } from "vitest";
import { ExecutionState } from "./execution-state.js";
import { TaskStatus } from "./task-status.js";

function diamond(onReady?: (id: string, generation: number) => void) {
  return new ExecutionState<number>(
    [
      { id: "a", dependencies: [] },
      { id: "b", dependencies: ["a"] },
      { id: "c", dependencies: ["a", "param:system"] },
      { id: "d", dependencies: ["b", "c"] },
      { id: "e", dependencies: [] },
    ],
    { onReady },
  );
}

function run(state: ExecutionState<number>, id: string, value: number): string[] {
  state.markStarted(id);
  return state.markComplete(id, value);
}

describe("ExecutionState (plait-spec 7.2)", () => {
  it("starts every node blocked and makes nodes without node dependencies ready on activate", () => {
    const ready: [string, number][] = [];
    const state = diamond((id, generation) => ready.push([id, generation]));
    expect(state.status("a")).toBe(TaskStatus.BLOCKED);
    state.activate();
    expect(ready).toEqual([
      ["a", 1],
      ["e", 1],
    ]);
    expect(state.status("a")).toBe(TaskStatus.PENDING);
    expect(state.status("c")).toBe(TaskStatus.BLOCKED);
    // A parameter ref is not a node: it is not waited for.
    expect(state.dependencies("c")).toEqual(["a"]);
  });

  it("makes a dependent ready only when all its dependencies completed", () => {
    const state = diamond();
    state.activate();
    expect(run(state, "a", 1)).toEqual(["b", "c"]);
    expect(run(state, "b", 2)).toEqual([]);
    expect(state.status("d")).toBe(TaskStatus.BLOCKED);
    expect(run(state, "c", 3)).toEqual(["d"]);
    expect(state.result("c")).toBe(3);
  });

  it("cancels exactly the descendants of a failed node; siblings and ancestors are untouched", () => {
    const state = diamond();
    state.activate();
    run(state, "a", 1);
    state.markStarted("b");
    const error = new Error("boom");
    expect(state.markFailed("b", error)).toEqual(["d"]);
    expect(state.status("b")).toBe(TaskStatus.FAILED);
    expect(state.error("b")).toBe(error);
    expect(state.status("d")).toBe(TaskStatus.CANCELLED);
    expect(state.status("c")).toBe(TaskStatus.PENDING);
    expect(state.status("e")).toBe(TaskStatus.PENDING);
    expect(state.result("a")).toBe(1);
    expect(state.isComplete()).toBe(false);
    run(state, "c", 3);
    run(state, "e", 1);
    expect(state.isComplete()).toBe(true);
  });

  it("requeues only an in-progress node, with a new generation that makes old queue entries stale", () => {
    const generations: number[] = [];
    const state = diamond((id, generation) => {
      if (id === "a") generations.push(generation);
    });
    state.activate();
    expect(state.requeue("a")).toEqual([]);
    state.markStarted("a");
    expect(state.isRunnable("a", 1)).toBe(false);
    state.requeue("a");
    expect(generations).toEqual([1, 2]);
    expect(state.retryCount("a")).toBe(1);
    expect(state.status("a")).toBe(TaskStatus.PENDING);
    expect(state.isRunnable("a", 1)).toBe(false);
    expect(state.isRunnable("a", 2)).toBe(true);
  });

  it("counts an empty graph as complete and failed or cancelled nodes as terminal", () => {
    expect(new ExecutionState([]).isComplete()).toBe(true);
    const state = new ExecutionState([
      { id: "a", dependencies: [] },
      { id: "b", dependencies: ["a"] },
    ]);
    state.activate();
    state.markStarted("a");
    state.markFailed("a", new Error("x"));
    expect(state.isComplete()).toBe(true);
    expect(state.counts()).toMatchObject({ failed: 1, cancelled: 1 });
  });

  it("cancels everything that is not terminal on cancelAll", () => {
    const state = diamond();
    state.activate();
    run(state, "a", 1);
    expect(state.cancelAll("stop").sort()).toEqual(["b", "c", "d", "e"]);
    expect(state.result("a")).toBe(1);
    expect(state.isComplete()).toBe(true);
  });

  it("skips untaken branches and their descendants, while a joining node proceeds", () => {
    const state = new ExecutionState<number>([
      { id: "choose", dependencies: [] },
      { id: "left", dependencies: ["choose"] },
      { id: "left2", dependencies: ["left"] },
      { id: "right", dependencies: ["choose"] },
      { id: "join", dependencies: ["left2", "right"], joinsBranches: true },
      { id: "after", dependencies: ["join"] },
    ]);
    state.activate();
    run(state, "choose", 0);
    expect(state.skip(["left"]).sort()).toEqual(["left", "left2"]);
    expect(state.status("join")).toBe(TaskStatus.BLOCKED);
    expect(run(state, "right", 5)).toEqual(["join"]);
    expect(run(state, "join", 5)).toEqual(["after"]);
  });

  it("expands a node in progress: it waits for the new nodes, then becomes ready again to gather", () => {
    const ready: string[] = [];
    const state = new ExecutionState<number>(
      [
        { id: "list", dependencies: [] },
        { id: "map", dependencies: ["list"] },
        { id: "after", dependencies: ["map"] },
      ],
      { onReady: (id) => ready.push(id) },
    );
    state.activate();
    run(state, "list", 2);
    state.markStarted("map");
    const generation = state.generation("map");
    const newlyReady = state.expand(
      "map",
      [
        { id: "map[0].x", dependencies: ["list"] },
        { id: "map[1].x", dependencies: ["list"] },
      ],
      ["map[0].x", "map[1].x"],
    );
    expect(newlyReady).toEqual(["map[0].x", "map[1].x"]);
    expect(state.status("map")).toBe(TaskStatus.BLOCKED);
    expect(state.generation("map")).toBeGreaterThan(generation);
    run(state, "map[0].x", 1);
    expect(run(state, "map[1].x", 1)).toEqual(["map"]);
    expect(run(state, "map", 2)).toEqual(["after"]);
  });

  it("keeps only known, distinct dependencies, and never changes a node's own dependencies array", () => {
    const mapDeps = ["list"];
    const state = new ExecutionState<number>([
      { id: "list", dependencies: [] },
      { id: "map", dependencies: mapDeps },
      { id: "twice", dependencies: ["list", "param:p", "list", "map"] },
    ]);
    expect(state.dependencies("twice")).toEqual(["list", "map"]);
    expect(state.nodeOf("map")?.dependencies).toBe(mapDeps);
    state.activate();
    run(state, "list", 1);
    state.markStarted("map");
    state.expand("map", [{ id: "map[0].x", dependencies: [] }], ["map[0].x"], true);
    state.extendExpansion("map", [{ id: "map[1].x", dependencies: [] }], ["map[1].x"]);
    expect(state.dependencies("map")).toEqual(["list", "map[0].x", "map[1].x"]);
    expect(mapDeps).toEqual(["list"]);
    state.closeExpansion("map");
    run(state, "map[0].x", 2);
    expect(state.status("map")).toBe(TaskStatus.BLOCKED);
    run(state, "map[1].x", 3);
    expect(state.status("map")).toBe(TaskStatus.PENDING);
    expect(state.nodeOf("unknown")).toBeUndefined();
  });

  it("cancels the fan-out node and its dependents when an expanded node fails", () => {
    const state = new ExecutionState<number>([
      { id: "map", dependencies: [] },
      { id: "after", dependencies: ["map"] },
    ]);
    state.activate();
    state.markStarted("map");
    state.expand("map", [{ id: "map[0].x", dependencies: [] }], ["map[0].x"]);
    state.markStarted("map[0].x");
    expect(state.markFailed("map[0].x", new Error("x")).sort()).toEqual(["after", "map"]);
  });

  it("gathers at once when a fan-out has no elements", () => {
    const state = new ExecutionState<number>([{ id: "map", dependencies: [] }]);
    state.activate();
    state.markStarted("map");
    state.expand("map", [], []);
    expect(state.status("map")).toBe(TaskStatus.PENDING);
  });

  it("starts resumed nodes completed, so their dependents do not wait for them", () => {
    const ready: string[] = [];
    const state = new ExecutionState<number>(
      [
        { id: "a", dependencies: [] },
        { id: "b", dependencies: ["a"] },
      ],
      { onReady: (id) => ready.push(id), resumed: new Map([["a", 7]]) },
    );
    state.activate();
    expect(ready).toEqual(["b"]);
    expect(state.isResumed("a")).toBe(true);
    expect(state.result("a")).toBe(7);
  });

  it("keeps the completion order in record mode", () => {
    const state = new ExecutionState<number>(
      [
        { id: "a", dependencies: [] },
        { id: "b", dependencies: [] },
      ],
      { record: true },
    );
    state.activate();
    run(state, "b", 1);
    run(state, "a", 1);
    expect(state.executionOrder).toEqual(["b", "a"]);
  });
});
