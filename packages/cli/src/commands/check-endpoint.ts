import type { Clock } from "@weft/core";
import { isLanguageModel, type LanguageModel, ProviderError } from "@weft/provider";
import { type EndpointConfig, type ProviderRegistry, ResourceError } from "@weft/resources";

/** The outcome of one endpoint check. */
export type EndpointCheck =
  | { readonly ok: true; readonly latencyMs: number }
  | { readonly ok: false; readonly kind: string; readonly status?: number };

function modelOf(endpoint: EndpointConfig, registry: ProviderRegistry | undefined): LanguageModel {
  if (isLanguageModel(endpoint.model)) return endpoint.model;
  if (!registry) {
    throw new ResourceError(
      "unknown_provider",
      `no provider registry to build "${endpoint.model.provider}" models (export "registry" from a .ts config)`,
    );
  }
  return registry.resolve(endpoint.model);
}

/**
 * Sends one tiny request (`maxTokens: 1`) to an endpoint's model and measures it on `clock`. A failure is
 * reported by kind only (a provider error kind, or a resources error code), so nothing from the reply, and no
 * secret, is printed.
 */
export async function checkEndpoint(
  endpoint: EndpointConfig,
  registry: ProviderRegistry | undefined,
  clock: Clock,
  timeoutMs: number,
): Promise<EndpointCheck> {
  const controller = new AbortController();
  const stopTimer = new AbortController();
  const started = clock.now();
  clock.sleep(timeoutMs, stopTimer.signal).then(
    () => controller.abort(new ProviderError({ kind: "timeout", message: `no answer in ${timeoutMs} ms` })),
    () => undefined,
  );
  try {
    const model = modelOf(endpoint, registry);
    await model.generate(
      { messages: [{ role: "user", content: "Reply with OK." }], maxTokens: 1, temperature: 0 },
      { signal: controller.signal },
    );
    return { ok: true, latencyMs: clock.now() - started };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, kind: "timeout" };
    if (ProviderError.is(error)) {
      return { ok: false, kind: error.kind, ...(error.status === undefined ? {} : { status: error.status }) };
    }
    if (ResourceError.is(error)) return { ok: false, kind: error.code };
    return { ok: false, kind: "unknown" };
  } finally {
    stopTimer.abort();
  }
}
