import type { ResourceConfig } from "@weft/resources";

/**
 * The configured concurrency of each alias: the sum of `maxConcurrent` over its endpoints. Aliases with an
 * unlimited endpoint are left out (analysis then uses the slots they were seen to use). An endpoint shared by
 * two aliases counts fully for both.
 *
 * @example
 * ```ts
 * const profiler = new Profiler({ capacity: aliasCapacities(manager.config) });
 * ```
 */
export function aliasCapacities(config: ResourceConfig): Record<string, number> {
  const capacity: Record<string, number> = {};
  for (const [alias, spec] of Object.entries(config.aliases)) {
    let total = 0;
    for (const id of spec.endpoints) {
      const limit = config.endpoints[id]?.maxConcurrent;
      if (limit === undefined || !Number.isFinite(limit)) {
        total = Number.NaN;
        break;
      }
      total += limit;
    }
    if (!Number.isNaN(total) && total > 0) capacity[alias] = total;
  }
  return capacity;
}
