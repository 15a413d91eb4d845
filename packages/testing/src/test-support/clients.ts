import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { MockServer } from "../server/mock-server.js";

/** Real SDK clients pointed at a mock server, with their own retries off. For tests only. */
export function sdkClients(server: MockServer): { openai: OpenAI; anthropic: Anthropic } {
  return {
    openai: new OpenAI({
      apiKey: "sk-test-secret",
      baseURL: server.openaiBaseURL,
      maxRetries: 0,
      logLevel: "off",
    }),
    anthropic: new Anthropic({
      apiKey: "sk-ant-test-secret",
      baseURL: server.anthropicBaseURL,
      maxRetries: 0,
      logLevel: "off",
    }),
  };
}

/** The error a promise rejects with (fails the test if it resolves). For tests only. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** Drains an async iterable, returning what it yielded and what it threw. For tests only. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}
