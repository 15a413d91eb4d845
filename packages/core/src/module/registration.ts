import { isParameterContainer } from "../parameter/container-brand.js";
import { isParameter } from "../parameter/parameter.js";
import { setLink } from "../tree/tree-links.js";
import { isModuleLike } from "./brands.js";
import type { ModuleState } from "./module-state.js";

/**
 * Registers (or unregisters) what was assigned to `owner[key]` (plait-spec 5.1): a Module becomes a child,
 * a Parameter a parameter, a ParameterList / ParameterDict a container, each taking `key` as its name and
 * `owner` as its parent (the last assignment wins). Anything else removes a previous registration under
 * `key`. Re-assigning a key keeps its place in the order. @internal
 */
export function registerAttribute(owner: object, state: ModuleState, key: string, value: unknown): void {
  const registry = isModuleLike(value)
    ? state.children
    : isParameter(value)
      ? state.parameters
      : isParameterContainer(value)
        ? state.containers
        : undefined;
  for (const map of [state.children, state.parameters, state.containers]) {
    if (map !== registry) map.delete(key);
  }
  if (!registry || value === owner) return;
  registry.set(key, value as object);
  setLink(value as object, key, owner);
}

/** Removes any registration under `key` (the attribute was deleted). @internal */
export function unregisterAttribute(state: ModuleState, key: string): void {
  state.children.delete(key);
  state.parameters.delete(key);
  state.containers.delete(key);
}

/**
 * Wraps a new module in a Proxy that sees every own-property definition: class fields, assignments and
 * `Object.defineProperty` all go through `defineProperty`, so registration follows assignment order and
 * needs no explicit call. @internal
 */
export function trackAttributes<T extends object>(target: T, state: ModuleState): T {
  const proxy: T = new Proxy(target, {
    defineProperty(object, key, descriptor) {
      if (typeof key === "string") {
        if ("value" in descriptor) registerAttribute(proxy, state, key, descriptor.value);
        else if (descriptor.get || descriptor.set) unregisterAttribute(state, key);
      }
      return Reflect.defineProperty(object, key, descriptor);
    },
    deleteProperty(object, key) {
      if (typeof key === "string") unregisterAttribute(state, key);
      return Reflect.deleteProperty(object, key);
    },
  });
  return proxy;
}
