import { createAnthropic } from "@weft/anthropic";
import { createOpenAI } from "@weft/openai";
import type { LanguageModel } from "@weft/provider";
import type { ResourceConfigInput } from "@weft/resources";
import type { OptimizeOptions } from "./options.js";
import { startSimulationServer } from "./simulation-server.js";

/** The aliases the program and the optimizer call. */
export const ALIASES = [
  "extract",
  "answer",
  "optimizer/backward",
  "optimizer/aggregator",
  "optimizer/updater",
] as const;

/** One of {@link ALIASES}. */
export type Alias = (typeof ALIASES)[number];

/** Models for every alias, and what to close when done. */
export interface Backend {
  readonly resources: ResourceConfigInput;
  readonly description: string;
  /** Whether calls cost money (then the run gets a dollar budget). */
  readonly paid: boolean;
  /** Chat requests the backend's server answered so far; `undefined` for a real provider. */
  requestCount(): number | undefined;
  close(): Promise<void>;
}

function config(
  models: Readonly<Record<Alias, LanguageModel>>,
  maxOutputTokens?: number,
): ResourceConfigInput {
  const aliases: Record<string, { model: LanguageModel; maxOutputTokens?: number; maxConcurrent: number }> =
    {};
  for (const alias of ALIASES) {
    aliases[alias] = {
      model: models[alias],
      maxConcurrent: 8,
      ...(maxOutputTokens ? { maxOutputTokens } : {}),
    };
  }
  return { aliases };
}

/**
 * The models of `options.backend`: weft's mock OpenAI server with the simulation's prompt-sensitive models
 * behind it (called over real HTTP with the real `openai` client), or a real provider.
 */
export async function openBackend(options: OptimizeOptions): Promise<Backend> {
  if (options.backend === "mock-server") {
    const server = await startSimulationServer(options.seed);
    const client = createOpenAI({ apiKey: "mock-key", baseURL: server.openaiBaseURL });
    const models = Object.fromEntries(
      ALIASES.map((alias) => [alias, client.languageModel(server.modelIds[alias])]),
    ) as Record<Alias, LanguageModel>;
    return {
      resources: config(models, 800),
      description: `weft's mock OpenAI server at ${server.openaiBaseURL}, serving the simulation's prompt-sensitive models`,
      paid: false,
      requestCount: () => server.requests.length,
      close: () => server.close(),
    };
  }
  const model =
    options.backend === "openai"
      ? createOpenAI({}).languageModel(options.model)
      : createAnthropic({}).languageModel(options.model);
  return {
    resources: config(
      Object.fromEntries(ALIASES.map((alias) => [alias, model])) as Record<Alias, LanguageModel>,
      800,
    ),
    description: `${options.backend} ${options.model}`,
    paid: true,
    requestCount: () => undefined,
    close: async () => {},
  };
}
