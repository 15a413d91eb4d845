import { createAnthropic } from "@weft/anthropic";
import { createOpenAI, createOpenAICompatible } from "@weft/openai";
import { ProviderRegistry, type ResolvedModelDescription } from "@weft/resources";

type Settings = Readonly<Record<string, unknown>>;

/**
 * A description as provider settings: its `options` (e.g. `organization`, `project`, `timeoutMs`), its
 * `headers` over any `options.headers`, its `apiKey` and `baseURL`.
 */
function settingsOf({ apiKey, baseURL, headers, options }: ResolvedModelDescription): Settings {
  const optionHeaders = options?.headers as Readonly<Record<string, string>> | undefined;
  const merged =
    headers === undefined && optionHeaders === undefined ? undefined : { ...optionHeaders, ...headers };
  return {
    ...options,
    ...(merged === undefined ? {} : { headers: merged }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
  };
}

function openai(description: ResolvedModelDescription) {
  return createOpenAI(settingsOf(description)).languageModel(description.model);
}

function anthropic(description: ResolvedModelDescription) {
  return createAnthropic(settingsOf(description)).languageModel(description.model);
}

function compatible(description: ResolvedModelDescription) {
  const { baseURL, options } = description;
  if (baseURL === undefined) throw new TypeError("an openai-compatible model needs a baseURL");
  const name = typeof options?.name === "string" ? options.name : "openai-compatible";
  return createOpenAICompatible({ ...settingsOf(description), name, baseURL }).languageModel(
    description.model,
  );
}

/** The providers the `weft` command knows without a registry from the pipeline. */
export const BUILTIN_PROVIDERS: readonly string[] = ["anthropic", "openai", "openai-compatible"];

/**
 * The registry the CLI builds models with: `openai` (`@weft/openai`), `anthropic` (`@weft/anthropic`) and
 * `openai-compatible` (any OpenAI-compatible server, e.g. vLLM or Ollama; `baseURL` required, `options.name`
 * names it). Each gets the description's `apiKey`, `baseURL`, `headers` (over `options.headers`) and its other
 * `options` as provider settings (`organization`, `project`, `timeoutMs`, ...). A registry exported by the
 * pipeline or a `.ts` config comes first: its providers replace the built-in ones of the same name, and get the
 * whole description, headers included.
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
        ...(description.headers === undefined ? {} : { headers: description.headers }),
        ...(description.options === undefined ? {} : { options: description.options }),
      }),
    );
  }
  return registry;
}
