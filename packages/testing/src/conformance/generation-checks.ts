import type { LanguageModel, Usage } from "@weft/provider";
import { validateValue } from "../schema/validate-value.js";
import { collectParts, describe, ensure, ensureStreamShape, streamedText } from "./assertions.js";
import { ConformanceError } from "./conformance-error.js";
import { REVIEW_SCHEMA, textRequest } from "./conformance-fixtures.js";
import type { ConformanceCheck } from "./provider-conformance.js";

const USAGE_FIELDS = [
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteInputTokens",
  "reasoningTokens",
] as const;

/** Each usage field is a non-negative integer or undefined; with `known`, input and output are numbers. */
export function ensureUsage(usage: Usage, known: boolean, what: string): void {
  for (const field of USAGE_FIELDS) {
    const value = usage[field];
    ensure(
      value === undefined || (Number.isInteger(value) && value >= 0),
      `${what}: usage.${field} must be a non-negative integer or undefined, got ${describe(value)}`,
    );
  }
  if (known) {
    ensure(
      typeof usage.inputTokens === "number" && usage.inputTokens > 0,
      `${what}: usage.inputTokens must be reported, got ${describe(usage.inputTokens)}`,
    );
    ensure(
      typeof usage.outputTokens === "number" && usage.outputTokens > 0,
      `${what}: usage.outputTokens must be reported, got ${describe(usage.outputTokens)}`,
    );
  }
}

function ensureJsonMatches(text: string, what: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConformanceError(`${what}: the reply is not JSON: ${describe(text)}`);
  }
  const issues = validateValue(value, REVIEW_SCHEMA);
  ensure(
    issues.length === 0,
    `${what}: the reply does not match the schema: ${describe(issues)} in ${describe(value)}`,
  );
}

/** The checks of normal operation: text, streaming, structured output, usage. */
export function generationChecks(
  model: () => Promise<LanguageModel>,
  reportsUsage: boolean,
): ConformanceCheck[] {
  return [
    {
      name: "text: generate returns text with finish reason stop and response info",
      run: async () => {
        const reply = await (await model()).generate(textRequest());
        ensure(
          typeof reply.text === "string" && reply.text.length > 0,
          `generate: expected text, got ${describe(reply.text)}`,
        );
        ensure(reply.toolCalls.length === 0, "generate: no tool calls were offered, yet some came back");
        ensure(
          reply.finishReason.unified === "stop",
          `generate: expected finish reason stop, got ${describe(reply.finishReason)}`,
        );
        ensure(reply.timing.totalMs >= 0, "generate: timing.totalMs must be measured");
        ensure(
          reply.response.modelId !== undefined,
          "generate: response.modelId must name the model that answered",
        );
      },
    },
    {
      name: "streaming: response-metadata first, text deltas, finish last",
      run: async () => {
        const { parts, error } = await collectParts((await model()).stream(textRequest()));
        ensure(error === undefined, `stream: failed with ${describe(error)}`);
        ensureStreamShape(parts, "stream");
        ensure(streamedText(parts).length > 0, "stream: expected text deltas");
        const finish = parts.at(-1);
        ensure(
          finish?.type === "finish" && finish.finishReason.unified === "stop",
          `stream: expected finish reason stop, got ${describe(finish)}`,
        );
      },
    },
    {
      name: "structured output: the reply matches the requested schema",
      run: async ({ skip }) => {
        const m = await model();
        if (m.capabilities.structuredOutput === "none")
          return skip("the model declares no structured output");
        for (const topic of ["a loom", "a spindle", "a shuttle"]) {
          const reply = await m.generate({
            ...textRequest(topic),
            responseFormat: { type: "json", schema: REVIEW_SCHEMA, name: "review" },
          });
          ensureJsonMatches(reply.text, `structured output (${topic})`);
        }
        const { parts, error } = await collectParts(
          m.stream({
            ...textRequest("a bobbin"),
            responseFormat: { type: "json", schema: REVIEW_SCHEMA, name: "review" },
          }),
        );
        ensure(error === undefined, `structured stream: failed with ${describe(error)}`);
        ensureJsonMatches(streamedText(parts), "structured output (streamed)");
      },
    },
    {
      name: "usage: known counts are numbers, unknown ones undefined",
      run: async () => {
        const m = await model();
        ensureUsage((await m.generate(textRequest())).usage, reportsUsage, "generate");
        const { parts } = await collectParts(m.stream(textRequest()));
        const finish = parts.at(-1);
        ensure(finish?.type === "finish", "stream: expected a finish part");
        ensureUsage(finish.usage, reportsUsage && m.capabilities.streamingUsage, "stream");
      },
    },
  ];
}
