import type { GenerateRequest, LanguageModel } from "@weft/provider";
import { validateValue } from "../schema/validate-value.js";
import { collectParts, describe, ensure, ensureStreamShape } from "./assertions.js";
import { textRequest, WEATHER_TOOL } from "./conformance-fixtures.js";
import type { ConformanceCheck } from "./provider-conformance.js";

/** The tool checks: a call whose input matches the schema, streamed in order, then text after the result. */
export function toolChecks(model: () => Promise<LanguageModel>): ConformanceCheck[] {
  const toolRequest: GenerateRequest = {
    ...textRequest("the weather in Lyon"),
    tools: [WEATHER_TOOL],
    toolChoice: "required",
  };
  return [
    {
      name: "tools: generate calls an offered tool with input that matches its schema",
      run: async () => {
        const reply = await (await model()).generate(toolRequest);
        const call = reply.toolCalls[0];
        ensure(call !== undefined, `tools: expected a tool call, got ${describe(reply)}`);
        ensure(
          call.toolName === WEATHER_TOOL.name,
          `tools: expected a call to ${WEATHER_TOOL.name}, got ${call.toolName}`,
        );
        ensure(call.toolCallId.length > 0, "tools: the call needs an id");
        ensure(
          validateValue(JSON.parse(call.input), WEATHER_TOOL.inputSchema).length === 0,
          `tools: input does not match the schema: ${call.input}`,
        );
        ensure(
          reply.finishReason.unified === "tool-calls",
          `tools: expected finish reason tool-calls, got ${describe(reply.finishReason)}`,
        );
      },
    },
    {
      name: "tools: a streamed call comes as start, input deltas, then the whole call",
      run: async () => {
        const { parts, error } = await collectParts((await model()).stream(toolRequest));
        ensure(error === undefined, `stream: failed with ${describe(error)}`);
        ensureStreamShape(parts, "stream");
        const start = parts.findIndex((part) => part.type === "tool-call-start");
        const whole = parts.findIndex((part) => part.type === "tool-call");
        ensure(
          start > 0 && whole > start,
          `stream: expected tool-call-start before tool-call, got ${describe(parts.map((p) => p.type))}`,
        );
        const call = parts[whole];
        ensure(call?.type === "tool-call", "stream: missing tool-call");
        const deltas = parts.filter(
          (part) => part.type === "tool-call-delta" && part.toolCallId === call.toolCall.toolCallId,
        );
        const joined = deltas
          .map((part) => (part.type === "tool-call-delta" ? part.inputDelta : ""))
          .join("");
        ensure(
          joined === call.toolCall.input,
          `stream: input deltas ${describe(joined)} do not join to the call's input ${describe(call.toolCall.input)}`,
        );
        ensure(
          validateValue(JSON.parse(call.toolCall.input), WEATHER_TOOL.inputSchema).length === 0,
          `stream: input does not match the schema: ${call.toolCall.input}`,
        );
      },
    },
    {
      name: "tools: after a tool result the model answers in text",
      run: async () => {
        const m = await model();
        const first = await m.generate(toolRequest);
        const call = first.toolCalls[0];
        ensure(call !== undefined, "tools: expected a tool call to answer");
        const reply = await m.generate({
          tools: [WEATHER_TOOL],
          messages: [
            ...toolRequest.messages,
            { role: "assistant", content: first.text, toolCalls: first.toolCalls },
            {
              role: "tool",
              toolCallId: call.toolCallId,
              toolName: call.toolName,
              content: '{"temperature":21}',
            },
          ],
        });
        ensure(
          reply.text.length > 0 && reply.toolCalls.length === 0,
          `tools: expected text after the tool result, got ${describe(reply)}`,
        );
      },
    },
  ];
}
