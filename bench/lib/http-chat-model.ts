// A minimal OpenAI-compatible chat client over node:http with keep-alive, for benchmarks that measure the
// runtime rather than an SDK: the official openai client spends about 0.5-1 ms of CPU per request here, more
// than the 0.4 ms per call that 20 ms calls at concurrency 50 leave (see bench/scheduler.ts).
import { Agent, request as httpRequest } from "node:http";
import type { CallOptions, GenerateRequest, GenerateResponse, LanguageModel } from "@weft/provider";
import { ProviderError } from "@weft/provider";

interface ChatReply {
  readonly choices: readonly { readonly message: { readonly content: string | null } }[];
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number };
}

/** POSTs `/chat/completions` to `baseURL` and maps the JSON reply; aborts the socket when the signal fires. */
export class HttpChatModel implements LanguageModel {
  readonly specificationVersion = "v1" as const;
  readonly provider = "bench-http";
  readonly capabilities = {
    structuredOutput: "none",
    tools: false,
    streaming: false,
    streamingUsage: false,
  } as const;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly url: URL;

  constructor(
    baseURL: string,
    readonly modelId = "gpt-4o-mini",
  ) {
    this.url = new URL(`${baseURL.replace(/\/$/, "")}/chat/completions`);
  }

  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResponse> {
    const body = JSON.stringify({ model: this.modelId, messages: request.messages });
    const startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          hostname: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: "POST",
          agent: this.agent,
          headers: { "content-type": "application/json", authorization: "Bearer bench-key" },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => {
            if (res.statusCode !== 200) {
              reject(
                new ProviderError({
                  kind: "transient",
                  message: `status ${res.statusCode}`,
                  provider: this.provider,
                }),
              );
              return;
            }
            const reply = JSON.parse(text) as ChatReply;
            resolve({
              text: reply.choices[0]?.message.content ?? "",
              toolCalls: [],
              reasoning: undefined,
              finishReason: { unified: "stop", raw: "stop" },
              usage: {
                inputTokens: reply.usage?.prompt_tokens,
                outputTokens: reply.usage?.completion_tokens,
              },
              timing: { timeToFirstTokenMs: undefined, totalMs: performance.now() - startedAt },
              response: { id: undefined, modelId: this.modelId },
              rateLimit: undefined,
            });
          });
        },
      );
      const signal = options?.signal;
      const onAbort = () => req.destroy(signal?.reason as Error);
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("close", () => signal?.removeEventListener("abort", onAbort));
      req.on("error", reject);
      req.end(body);
    });
  }

  stream(): AsyncIterable<never> {
    throw new Error("HttpChatModel does not stream");
  }

  close(): void {
    this.agent.destroy();
  }
}
