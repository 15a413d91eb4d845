import type { Clock } from "@weft/core";
import { isLanguageModel, type LanguageModel } from "@weft/provider";
import type { ModelDescription, ResourceConfig } from "../config/config-types.js";
import { type ConfigIssue, ResourceConfigError } from "../errors/resource-config-error.js";
import type { LimiterAdjustedEvent } from "../events/resource-events.js";
import type { ProviderRegistry } from "../registry/provider-registry.js";
import type { Secret } from "../secrets/secret.js";
import { collectSecrets } from "../secrets/secret-values.js";
import { EndpointState } from "./endpoint-state.js";

/**
 * Builds every endpoint of a validated config: models from instances or through the registry, slots, limiters
 * (reporting rate changes through `emit`). Collects the config's secrets (keys, headers, options) for redaction. Throws
 * `ResourceConfigError` naming each endpoint whose provider is not registered or whose factory failed.
 */
export function buildEndpoints(
  config: ResourceConfig,
  registry: ProviderRegistry,
  clock: Clock,
  emit: (event: LimiterAdjustedEvent) => void,
): { endpoints: Map<string, EndpointState>; secrets: Secret[] } {
  const endpoints = new Map<string, EndpointState>();
  const secrets: Secret[] = [];
  const issues: ConfigIssue[] = [];
  for (const [id, endpoint] of Object.entries(config.endpoints)) {
    const written = endpoint.model;
    if (!isLanguageModel(written)) collectSecrets(written, secrets);
    const model = modelOf(written, registry, id, issues);
    if (!model) continue;
    const onAdjust = (
      endpointId: string,
      adjustment: Omit<LimiterAdjustedEvent, "type" | "time" | "endpoint">,
    ) => emit({ type: "limiter.adjusted", time: clock.now(), endpoint: endpointId, ...adjustment });
    endpoints.set(id, new EndpointState(endpoint, model, config.pricing, clock, onAdjust));
  }
  if (issues.length > 0) throw new ResourceConfigError(issues);
  return { endpoints, secrets };
}

function modelOf(
  model: LanguageModel | ModelDescription,
  registry: ProviderRegistry,
  id: string,
  issues: ConfigIssue[],
): LanguageModel | undefined {
  if (isLanguageModel(model)) return model;
  try {
    return registry.resolve(model);
  } catch (error) {
    issues.push({ path: `endpoints.${id}.model.provider`, message: (error as Error).message });
    return undefined;
  }
}
