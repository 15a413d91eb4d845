import type { LanguageModel } from "@weft/provider";
import type { ModelDescription } from "../config/config-types.js";
import { ResourceError } from "../errors/resource-error.js";
import { Secret } from "../secrets/secret.js";
import { revealSecretsIn } from "../secrets/secret-values.js";

/** A model description with its API key and every secret in its headers and options revealed, as a provider factory receives it. */
export interface ResolvedModelDescription {
  readonly provider: string;
  readonly model: string;
  readonly baseURL: string | undefined;
  readonly apiKey: string | undefined;
  /** The endpoint's extra HTTP headers, secrets revealed. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The endpoint's options, secrets revealed. */
  readonly options: Readonly<Record<string, unknown>> | undefined;
}

/** Builds a `LanguageModel` from a description, e.g. with `createOpenAI({ apiKey, baseURL }).languageModel(model)`. */
export type ModelFactory = (description: ResolvedModelDescription) => LanguageModel;

/**
 * Provider factories by name, filled by the application or the CLI, so the resources layer can turn
 * `{ provider: "openai", model: "gpt-4o-mini" }` into a model without importing any provider package.
 *
 * @example
 * ```ts
 * const registry = new ProviderRegistry()
 *   .register("openai", ({ model, apiKey, baseURL }) => createOpenAI({ apiKey, baseURL }).languageModel(model));
 * const manager = new ResourceManager(config, { registry });
 * ```
 */
export class ProviderRegistry {
  private readonly factories = new Map<string, ModelFactory>();

  /** Adds (or replaces) the factory for `provider`; returns the registry for chaining. */
  register(provider: string, factory: ModelFactory): this {
    this.factories.set(provider, factory);
    return this;
  }

  /** Whether a factory is registered for `provider`. */
  has(provider: string): boolean {
    return this.factories.has(provider);
  }

  /** Registered provider names, sorted. */
  get providers(): readonly string[] {
    return [...this.factories.keys()].sort();
  }

  /**
   * The model a description names. Throws `ResourceError` `unknown_provider` for an unregistered provider; a
   * factory's own failure is rethrown as a `ResourceError` whose message names the provider and model only.
   */
  resolve(description: ModelDescription): LanguageModel {
    const factory = this.factories.get(description.provider);
    if (!factory) {
      const known = this.providers.length > 0 ? this.providers.join(", ") : "none";
      throw new ResourceError(
        "unknown_provider",
        `no provider factory registered for "${description.provider}" (registered: ${known})`,
      );
    }
    const apiKey = description.apiKey;
    try {
      return factory({
        provider: description.provider,
        model: description.model,
        baseURL: description.baseURL,
        apiKey: apiKey === undefined ? undefined : Secret.is(apiKey) ? apiKey.reveal() : apiKey,
        headers: revealSecretsIn(description.headers) as Readonly<Record<string, string>> | undefined,
        options: revealSecretsIn(description.options),
      });
    } catch (cause) {
      // The factory's message may quote the key; only its class name is kept.
      const name = cause instanceof Error ? cause.name : typeof cause;
      throw new ResourceError(
        "model_factory_failed",
        `the "${description.provider}" factory failed to build model "${description.model}" (${name})`,
      );
    }
  }
}
