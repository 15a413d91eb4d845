import { ContainerError } from "../errors/container-error.js";
import { isModule, type Module } from "../module/module.js";
import { type ModuleState, moduleStateOf } from "../module/module-state.js";
import { setLink } from "../tree/tree-links.js";

/**
 * Replaces the registered children of a container module with `entries`, in order. With `reparent`, each
 * child's name and parent become its key and the container (a slice keeps the original owner). @internal
 */
export function setChildren(
  owner: Module,
  entries: Iterable<readonly [string, Module]>,
  reparent: boolean,
): void {
  const state = moduleStateOf(owner) as ModuleState;
  state.children.clear();
  for (const [key, child] of entries) {
    state.children.set(key, child);
    if (reparent) setLink(child, key, owner);
  }
}

/** Throws ContainerError(`invalid_item`) unless `x` is a Module. @internal */
export function checkModule(container: string, x: unknown): Module {
  if (!isModule(x)) {
    const got = x === null ? "null" : typeof x === "object" ? (x.constructor?.name ?? "object") : typeof x;
    throw new ContainerError("invalid_item", `${container} holds Modules only, got ${got}`);
  }
  return x;
}

/** The non-negative position of `index` in a list of `length`; ContainerError when out of range. @internal */
export function positionOf(container: string, index: number, length: number): number {
  const position = index < 0 ? length + index : index;
  if (!Number.isInteger(index) || position < 0 || position >= length) {
    throw new ContainerError(
      "index_out_of_range",
      `${container} index ${index} out of range (length ${length})`,
    );
  }
  return position;
}

/** Python `slice` bounds: negative counts from the end, clamped to the list. @internal */
export function sliceBounds(length: number, start = 0, end = length): [number, number] {
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? length + i : i, 0), length);
  return [clamp(start), clamp(end)];
}
