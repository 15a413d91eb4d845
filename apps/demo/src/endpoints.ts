// Where the example apps send their calls: a real API when a key is set, else weft's mock server in-process.
import { createAnthropic } from "@weft/anthropic";
import { createOpenAI, createOpenAICompatible } from "@weft/openai";
import type { LanguageModel } from "@weft/provider";
import type { ResourceConfigInput } from "@weft/resources";
import { type MockLatency, startMockServer } from "@weft/testing";

/** The resources an app runs with, a one-line note saying which they are, and how to release them. */
export interface Endpoints {
  readonly kind: "mock" | "openai" | "anthropic" | "openai-compatible";
  /** Aliases `fast` and `smart`. */
  readonly resources: ResourceConfigInput;
  readonly note: string;
  close(): Promise<void>;
}

/** Options of {@link chooseEndpoints}. */
export interface EndpointOptions {
  /** Latency of the mock server. Default: 60 ms to the first token, 2 ms per token, 30% jitter. */
  readonly mockLatency?: MockLatency;
  /** Calls in flight per alias on a real API. Default: 8. */
  readonly maxConcurrent?: number;
}

const DEFAULT_LATENCY: MockLatency = { timeToFirstTokenMs: 60, perTokenMs: 2, jitter: 0.3 };

function aliases(fast: LanguageModel, smart: LanguageModel, maxConcurrent: number): ResourceConfigInput {
  return { aliases: { fast: { model: fast, maxConcurrent }, smart: { model: smart, maxConcurrent } } };
}

/**
 * Picks the endpoints from the environment, in this order: `WEFT_BASE_URL` (an OpenAI-compatible server such
 * as vLLM or Ollama; model `WEFT_MODEL`, default `llama3.2`; key `WEFT_API_KEY` if it needs one),
 * `OPENAI_API_KEY` (fast `gpt-4o-mini`, smart `gpt-4o`), `ANTHROPIC_API_KEY` (fast `claude-haiku-4-5`, smart
 * `claude-sonnet-4-5`); with none of them, weft's mock server started in this process (placeholder replies
 * that follow the requested schemas).
 */
export async function chooseEndpoints(
  env: Readonly<Record<string, string | undefined>>,
  options: EndpointOptions = {},
): Promise<Endpoints> {
  const limit = options.maxConcurrent ?? 8;
  const nothing = async () => undefined;
  if (env.WEFT_BASE_URL) {
    const model = env.WEFT_MODEL ?? "llama3.2";
    const provider = createOpenAICompatible({
      name: "weft-base-url",
      baseURL: env.WEFT_BASE_URL,
      ...(env.WEFT_API_KEY ? { apiKey: env.WEFT_API_KEY } : {}),
    });
    const llm = provider.languageModel(model);
    return {
      kind: "openai-compatible",
      resources: aliases(llm, llm, limit),
      note: `Using the OpenAI-compatible server at ${env.WEFT_BASE_URL} (WEFT_BASE_URL), model ${model}.`,
      close: nothing,
    };
  }
  if (env.OPENAI_API_KEY) {
    const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY });
    return {
      kind: "openai",
      resources: aliases(openai.languageModel("gpt-4o-mini"), openai.languageModel("gpt-4o"), limit),
      note: "Using OpenAI (OPENAI_API_KEY): gpt-4o-mini for fast, gpt-4o for smart.",
      close: nothing,
    };
  }
  if (env.ANTHROPIC_API_KEY) {
    const anthropic = createAnthropic({ apiKey: env.ANTHROPIC_API_KEY });
    return {
      kind: "anthropic",
      resources: aliases(
        anthropic.languageModel("claude-haiku-4-5"),
        anthropic.languageModel("claude-sonnet-4-5"),
        limit,
      ),
      note: "Using Anthropic (ANTHROPIC_API_KEY): claude-haiku-4-5 for fast, claude-sonnet-4-5 for smart.",
      close: nothing,
    };
  }
  const server = await startMockServer({ seed: 1, latency: options.mockLatency ?? DEFAULT_LATENCY });
  const mock = createOpenAI({ apiKey: "mock-key", baseURL: server.openaiBaseURL });
  return {
    kind: "mock",
    resources: aliases(mock.languageModel("gpt-4o-mini"), mock.languageModel("gpt-4o"), 4),
    note: `No OPENAI_API_KEY, ANTHROPIC_API_KEY or WEFT_BASE_URL set: calling weft's mock server at ${server.url} (placeholder replies in the requested shapes).`,
    close: () => server.close(),
  };
}
