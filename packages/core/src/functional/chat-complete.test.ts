import type { GenerateRequest, GenerateResponse } from "@weft/provider";
import { ProviderError } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { TraceError } from "../errors/trace-error.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { chatComplete } from "./chat-complete.js";

const messages = [{ role: "user", content: "hi" }];

function openAIClient(reply: (body: Record<string, unknown>) => Promise<unknown>) {
  const calls: Record<string, unknown>[] = [];
  const client = {
    chat: {
      completions: {
        create: (body: Record<string, unknown>) => {
          calls.push(body);
          return reply(body);
        },
      },
    },
  };
  return { client, calls };
}

describe("F.chatComplete (plait-spec 3.3)", () => {
  it("calls chat.completions.create with only the options that are set and wraps the RESPONSE", async () => {
    const { client, calls } = openAIClient(async () => ({ choices: [{ message: { content: "yo" } }] }));
    const out = await chatComplete(client, {
      messages: new Value(ValueKind.STRUCTURED, messages),
      model: "m",
      maxTokens: 5,
    });
    expect(out.kind).toBe("response");
    expect(out.payload).toEqual({ choices: [{ message: { content: "yo" } }] });
    expect(calls).toEqual([{ messages, model: "m", max_tokens: 5 }]);
  });

  it("accepts anything with a LanguageModel generate method", async () => {
    const seen: GenerateRequest[] = [];
    const model = {
      generate: async (request: GenerateRequest) => {
        seen.push(request);
        return { text: "ok" } as GenerateResponse;
      },
    };
    const out = await chatComplete(model, { messages, temperature: 0, maxTokens: 9, seed: 1 });
    expect((out.payload as GenerateResponse).text).toBe("ok");
    expect(seen).toEqual([{ messages, temperature: 0, maxTokens: 9, seed: 1 }]);
  });

  it("an ERROR in messages propagates unchanged; non-list messages are an ERROR", async () => {
    const { client, calls } = openAIClient(async () => ({}));
    const error = new Value(ValueKind.ERROR, new Error("upstream"));
    expect(await chatComplete(client, { messages: error })).toBe(error);
    expect((await chatComplete(client, { messages: "hi" })).isError()).toBe(true);
    expect(calls).toEqual([]);
  });

  it("a client without either method is an ERROR", async () => {
    const out = await chatComplete({}, { messages });
    expect((out.error as Error).message).toMatch(/neither chat\.completions\.create nor generate/);
  });

  it("a failing call is an ERROR carrying the thrown error, op and the HTTP status", async () => {
    const thrown = Object.assign(new Error("rate limited"), { status: 429 });
    const { client } = openAIClient(async () => {
      throw thrown;
    });
    const out = await chatComplete(client, { messages });
    expect(out.error).toBe(thrown);
    expect(out.meta).toMatchObject({ op: "chatComplete", httpStatus: 429 });
    const providerError = new ProviderError({ kind: "overloaded", message: "busy", status: 529 });
    const failing = { generate: () => Promise.reject(providerError) };
    const failed = await chatComplete(failing, { messages });
    expect([failed.error, failed.meta.httpStatus]).toEqual([providerError, 529]);
  });

  it("cannot be used while tracing", () => {
    const { client } = openAIClient(async () => ({}));
    const traced = () =>
      withTraceHandler(new RecordingTraceHandler(), () => {
        void chatComplete(client, { messages });
      });
    expect(traced).toThrow(TraceError);
    expect(traced).toThrow(/LLMInference/);
  });
});
