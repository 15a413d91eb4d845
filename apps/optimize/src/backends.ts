import { createAnthropic } from "@weft/anthropic";
import { createOpenAI } from "@weft/openai";
import { simulation } from "@weft/optimization";
import type { LanguageModel } from "@weft/provider";
import type { ResourceConfigInput } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import type { OptimizeOptions } from "./options.js";

/** The aliases the program and the optimizer call. */
export const ALIASES = [
  "extract",
  "answer",
  "optimizer/backward",
  "optimizer/aggregator",
  "optimizer/updater",
] as const;

/** Models for every alias, and what to close when done. */
export interface Backend {
  readonly resources: ResourceConfigInput;
  readonly description: string;
  /** Whether calls cost money (then the run gets a dollar budget). */
  readonly paid: boolean;
  close(): Promise<void>;
}

function config(
  models: Readonly<Record<(typeof ALIASES)[number], LanguageModel>>,
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

/** The models of `options.backend`: the offline simulation, the mock server over HTTP, or a real provider. */
export async function openBackend(options: OptimizeOptions): Promise<Backend> {
  if (options.backend === "simulation") {
    const models = {
      extract: simulation.extractorModel(options.seed),
      answer: simulation.answererModel(options.seed),
      "optimizer/backward": simulation.criticModel(),
      "optimizer/aggregator": simulation.aggregatorModel(),
      "optimizer/updater": simulation.updaterModel({ seed: options.seed }),
    };
    return {
      resources: config(models),
      description: "the offline simulation (prompt-sensitive simulated models, no network)",
      paid: false,
      close: async () => {},
    };
  }
  if (options.backend === "mock-server") {
    const server = await startMockServer({ seed: options.seed });
    const model = createOpenAI({ apiKey: "mock-key", baseURL: server.openaiBaseURL }).languageModel(
      options.model,
    );
    return {
      resources: config(Object.fromEntries(ALIASES.map((alias) => [alias, model])) as never, 256),
      description: `weft's mock OpenAI server at ${server.openaiBaseURL} (replies are placeholders: this shows the plumbing)`,
      paid: false,
      close: () => server.close(),
    };
  }
  const model =
    options.backend === "openai"
      ? createOpenAI({}).languageModel(options.model)
      : createAnthropic({}).languageModel(options.model);
  return {
    resources: config(Object.fromEntries(ALIASES.map((alias) => [alias, model])) as never, 800),
    description: `${options.backend} ${options.model}`,
    paid: true,
    close: async () => {},
  };
}
