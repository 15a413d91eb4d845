import { createAnthropic } from "@weft/anthropic";
import { createOpenAI, createOpenAICompatible } from "@weft/openai";
import { ProviderRegistry, type ResolvedModelDescription } from "@weft/resources";

type Settings = Readonly<Record<string, unknown>>;

function openai({ model, apiKey, baseURL, options }: ResolvedModelDescription) {
  return createOpenAI({
    ...(options as Settings),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
  }).languageModel(model);
}

function anthropic({ model, apiKey, baseURL, options }: ResolvedModelDescription) {
  return createAnthropic({
    ...(options as Settings),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
  }).languageModel(model);
}

function compatible({ model, apiKey, baseURL, options }: ResolvedModelDescription) {
  if (baseURL === undefined) throw new TypeError("an openai-compatible model needs a baseURL");
  const name = typeof options?.name === "string" ? options.name : "openai-compatible";
  return createOpenAICompatible({
    name,
    baseURL,
    ...(apiKey === undefined ? {} : { apiKey }),
  }).languageModel(model);
}

/** The providers the `weft` command knows without a registry from the pipeline. */
export const BUILTIN_PROVIDERS: readonly string[] = ["anthropic", "openai", "openai-compatible"];

/**
 * The registry the CLI builds models with: `openai` (`@weft/openai`), `anthropic` (`@weft/anthropic`) and
 * `openai-compatible` (any OpenAI-compatible server, e.g. vLLM or Ollama; `baseURL` required), each given the
 * description's `apiKey`, `baseURL` and `options`. A registry exported by the pipeline or a `.ts` config comes
 * first: its providers replace the built-in ones of the same name.
 */
export function cliRegistry(own: ProviderRegistry | undefined): ProviderRegistry {
  const registry = new ProviderRegistry()
    .register("openai", openai)
    .register("anthropic", anthropic)
    .register("openai-compatible", compatible);
  for (const provider of own?.providers ?? []) {
    registry.register(provider, (description) =>
      (own as ProviderRegistry).resolve({
        provider: description.provider,
        model: description.model,
        ...(description.baseURL === undefined ? {} : { baseURL: description.baseURL }),
        ...(description.apiKey === undefined ? {} : { apiKey: description.apiKey }),
        ...(description.options === undefined ? {} : { options: description.options }),
      }),
    );
  }
  return registry;
}
