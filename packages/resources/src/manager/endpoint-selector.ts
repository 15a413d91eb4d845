import type { LoadBalancing } from "../config/config-types.js";
import type { EndpointState } from "./endpoint-state.js";

/**
 * Picks an alias's endpoint for each attempt. `round_robin` is smooth weighted round robin (each endpoint gets
 * its weight's share, interleaved); `least_loaded` takes the lowest (in flight + queued) / weight, breaking ties
 * in rotation so idle endpoints share the work.
 */
export class EndpointSelector {
  private readonly current: number[];
  private turn = 0;

  constructor(
    private readonly endpoints: readonly EndpointState[],
    private readonly strategy: LoadBalancing,
  ) {
    this.current = endpoints.map(() => 0);
  }

  /** The models that may answer, as `provider:modelId`. */
  get models(): readonly string[] {
    return this.endpoints.map((e) => e.modelName);
  }

  get all(): readonly EndpointState[] {
    return this.endpoints;
  }

  pick(): EndpointState {
    if (this.endpoints.length === 1) return this.endpoints[0] as EndpointState;
    return this.strategy === "round_robin" ? this.roundRobin() : this.leastLoaded();
  }

  private roundRobin(): EndpointState {
    let total = 0;
    let best = 0;
    this.endpoints.forEach((endpoint, index) => {
      const weight = endpoint.config.weight;
      total += weight;
      this.current[index] = (this.current[index] as number) + weight;
      if ((this.current[index] as number) > (this.current[best] as number)) best = index;
    });
    this.current[best] = (this.current[best] as number) - total;
    return this.endpoints[best] as EndpointState;
  }

  private leastLoaded(): EndpointState {
    const count = this.endpoints.length;
    const start = this.turn++ % count;
    let best: EndpointState | undefined;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let offset = 0; offset < count; offset++) {
      const endpoint = this.endpoints[(start + offset) % count] as EndpointState;
      const load = endpoint.load();
      if (load < bestLoad) {
        best = endpoint;
        bestLoad = load;
      }
    }
    return best as EndpointState;
  }
}
