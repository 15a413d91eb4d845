import { ManualClock } from "@weft/core";
import { type GenerateRequest, ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel, streamParts } from "@weft/testing";
import { describe, expect, it } from "vitest";
import type { StreamDelta } from "./collect-stream.js";
import { runAttempt } from "./run-attempt.js";

const request: GenerateRequest = { messages: [{ role: "user", content: "hi" }] };

describe("runAttempt", () => {
  it("fails with a retryable timeout after timeoutMs and aborts the provider's connection", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, delayMs: 10_000, generate: "late" });
    const attempt = runAttempt({ model, request, stream: false, timeoutMs: 500, clock });
    const outcome = attempt.catch((e: unknown) => e);
    await clock.advance(499);
    expect(model.calls[0]?.options?.signal?.aborted).toBe(false);
    await clock.advance(1);
    const error = await outcome;
    expect(ProviderError.is(error) && error).toMatchObject({ kind: "timeout", isRetryable: true });
    expect(model.calls[0]?.options?.signal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it("fails at once with kind aborted when the caller aborts, keeping the reason as cause", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, delayMs: 10_000, generate: "late" });
    const controller = new AbortController();
    const attempt = runAttempt({
      model,
      request,
      stream: false,
      timeoutMs: 60_000,
      clock,
      signal: controller.signal,
    });
    const reason = new Error("user cancelled");
    controller.abort(reason);
    const error = await attempt.catch((e: unknown) => e);
    expect(ProviderError.is(error) && error.kind).toBe("aborted");
    expect((error as Error).cause).toBe(reason);
    expect(model.calls[0]?.options?.signal?.aborted).toBe(true);
    await expect(
      runAttempt({ model, request, stream: false, timeoutMs: 1, clock, signal: controller.signal }),
    ).rejects.toMatchObject({ kind: "aborted" });
  });

  it("streams, publishing deltas, and assembles the response generate would give", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, stream: { text: "one two three", reasoning: "think" } });
    const deltas: StreamDelta[] = [];
    const response = await runAttempt({
      model,
      request,
      stream: true,
      timeoutMs: 1_000,
      clock,
      onDelta: (d) => deltas.push(d),
    });
    expect(response.text).toBe("one two three");
    expect(
      deltas
        .filter((d) => d.kind === "text")
        .map((d) => d.delta)
        .join(""),
    ).toBe("one two three");
    expect(response.finishReason.unified).toBe("stop");
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.response.modelId).toBe("mock-model");
  });

  it("treats a stream that ends without finish as a retryable transient failure", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      clock,
      stream: streamParts([{ type: "text-delta", delta: "par" }]),
    });
    await expect(runAttempt({ model, request, stream: true, timeoutMs: 1_000, clock })).rejects.toMatchObject(
      {
        kind: "transient",
        isRetryable: true,
      },
    );
  });

  it("passes the provider's own error through", async () => {
    const clock = new ManualClock();
    const cut = failWith("transient", { message: "stream cut" });
    const model = new MockLanguageModel({
      clock,
      stream: streamParts([{ type: "text-delta", delta: "a" }], { error: cut }),
    });
    await expect(runAttempt({ model, request, stream: true, timeoutMs: 1_000, clock })).rejects.toBe(cut);
    expect(clock.pending).toBe(0);
  });
});
