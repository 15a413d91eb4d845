import type { GenerateResponse, LanguageModel } from "@weft/provider";

/** The one reply of the benchmarks' in-process models: "ok", one token in and out. */
export const REPLY: GenerateResponse = {
  text: "ok",
  toolCalls: [],
  reasoning: undefined,
  finishReason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: 1, outputTokens: 1 },
  timing: { timeToFirstTokenMs: undefined, totalMs: 0 },
  response: { id: undefined, modelId: "fake" },
  rateLimit: undefined,
};

/** A zero-latency in-process model: answers every call at once, for overhead and memory figures. */
export const instantModel: LanguageModel = {
  specificationVersion: "v1",
  provider: "fake",
  modelId: "fake",
  capabilities: { structuredOutput: "none", tools: false, streaming: false, streamingUsage: false },
  generate: () => Promise.resolve(REPLY),
  stream: () => {
    throw new Error("not used");
  },
};
