import type { Clock } from "@weft/core";
import { type ResourceConfigInput, ResourceManager } from "@weft/resources";

const managers = new WeakMap<object, ResourceManager>();

/**
 * The manager for a `resources` setting: a `ResourceManager` as is; a config object turned into a manager
 * once and cached by object identity, so every run, batch and bound call given the same config shares one
 * manager and its limits.
 */
export function managerFor(
  resources: ResourceManager | ResourceConfigInput | undefined,
  clock: Clock | undefined,
): ResourceManager | undefined {
  if (resources === undefined) return undefined;
  if (resources instanceof ResourceManager) return resources;
  let manager = managers.get(resources);
  if (!manager) {
    manager = new ResourceManager(resources, clock ? { clock } : {});
    managers.set(resources, manager);
  }
  return manager;
}
