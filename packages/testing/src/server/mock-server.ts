import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, systemClock } from "@weft/core";
import { anthropicProtocol } from "./anthropic/anthropic-protocol.js";
import { FaultSelector } from "./faults/fault-selector.js";
import type { FaultRule } from "./faults/faults.js";
import type { ChatContext } from "./handle-chat.js";
import type { MockLatency } from "./latency/latency-model.js";
import { type MockServerLimits, ServerLimits } from "./limits/server-limits.js";
import { OPENAI_COMPATIBLE_EXTENSION_FIELDS } from "./openai/openai-fields.js";
import { openaiProtocol } from "./openai/openai-protocol.js";
import type { MockProtocol } from "./protocol.js";
import type { ChatRequestView } from "./reply/chat-request-view.js";
import { PromptCache } from "./reply/prompt-cache.js";
import { type RecordedRequest, RequestLog } from "./request-log.js";
import { route } from "./router.js";
import { type ScriptedReplyRule, ScriptSelector } from "./script/scripted-reply.js";

/** Options of {@link startMockServer}; every field is optional. */
export interface MockServerOptions {
  /** Port on 127.0.0.1. Default: 0 (any free port). */
  readonly port?: number;
  /** Mixed into every reply, id and jitter: same request and seed, same reply. Default: 0. */
  readonly seed?: number;
  /** The clock latency, stalls and rate-limit buckets run on. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Default: no latency. */
  readonly latency?: MockLatency;
  /** Default: none enforced (nominal limits are still reported in headers). */
  readonly limits?: MockServerLimits;
  /** Configured faults. Default: none. */
  readonly faults?: readonly FaultRule[];
  /** Replies sent as given to the requests they match (after validation). Default: none. */
  readonly scriptedReplies?: readonly ScriptedReplyRule[];
  /**
   * Puts your own model behind real HTTP: called for each validated request that no scripted reply or fault
   * answers; a string is the reply text, an object is sent as its JSON text, `undefined` falls back to the
   * generated reply. The text goes through the usual rendering (JSON or SSE, usage, `max_tokens` cut,
   * latency and limits). A throw answers 500. Default: none (generated replies only).
   */
  readonly respond?: (request: ChatRequestView) => string | object | undefined;
  /** Delay of the `slow_first_byte` fault. Default: 30,000 ms. */
  readonly slowFirstByteMs?: number;
  /** Pause of the `stall_stream` fault. Default: 60,000 ms. */
  readonly stallMs?: number;
  /** `retry-after-ms` of the injected `rate_limit` fault. Default: 1,000 ms. */
  readonly rateLimitRetryAfterMs?: number;
  /** Tool calls per reply when several tools are offered and parallel calls are allowed. Default: 1. */
  readonly parallelToolCalls?: number;
  /** Answer 401 without an API key header, as the real APIs do. Default: true. */
  readonly requireApiKey?: boolean;
  /**
   * The only API keys accepted (OpenAI `Authorization: Bearer`, Anthropic `x-api-key` or Bearer); any other
   * key gets the API's 401 invalid-key error, which never echoes the key. Setting it requires a key.
   * Default: any non-empty key.
   */
  readonly apiKeys?: readonly string[];
  /** Extra body fields the OpenAI route accepts. Default: `OPENAI_COMPATIBLE_EXTENSION_FIELDS`. */
  readonly openaiExtensionFields?: readonly string[];
  /** Extra body fields the Anthropic route accepts. Default: none. */
  readonly anthropicExtensionFields?: readonly string[];
  /** Simulate prompt caching (cached-token counts for repeated long prefixes). Default: true. */
  readonly promptCache?: boolean;
  /** Requests kept in the log (oldest dropped first). Default: 10,000. */
  readonly logLimit?: number;
}

/** A running mock server. */
export interface MockServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `url + "/v1"`: the `baseURL` for the `openai` SDK. */
  readonly openaiBaseURL: string;
  /** `url`: the `baseURL` for `@anthropic-ai/sdk`. */
  readonly anthropicBaseURL: string;
  /** Every request since the last `reset()`, oldest first; in-flight entries fill in as replies proceed. */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the configured fault rules (their counters start again). */
  setFaults(rules: readonly FaultRule[]): void;
  /** Replaces the scripted-reply rules (their counts start again). */
  setScriptedReplies(rules: readonly ScriptedReplyRule[]): void;
  /** Replaces the latency model for the next requests. */
  setLatency(latency: MockLatency): void;
  /** Replaces the limits (full buckets) for the next requests. */
  setLimits(limits: MockServerLimits): void;
  /**
   * Resolves with the first request matching `predicate` (default: any) once its exchange has ended, or
   * once it has arrived with `{ settled: false }`. Requests already in the log count.
   */
  waitForRequest(
    predicate?: (request: RecordedRequest) => boolean,
    options?: { readonly settled?: boolean },
  ): Promise<RecordedRequest>;
  /** Clears the log, refills the limits, forgets the prompt cache and restarts fault and script counters. */
  reset(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a mock LLM server on 127.0.0.1 speaking OpenAI chat completions (`POST /v1/chat/completions`)
 * and Anthropic messages (`POST /v1/messages`), JSON and SSE, with deterministic replies, a latency
 * model, rate limits, fault injection (`x-weft-mock-fault` header or `faults` rules), scripted replies,
 * strict request validation and a request log.
 *
 * @example
 * ```ts
 * const server = await startMockServer();
 * const client = new OpenAI({ apiKey: "test", baseURL: server.openaiBaseURL, maxRetries: 0 });
 * const reply = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] });
 * await server.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 0;
  const log = new RequestLog(options.logLimit ?? 10_000);
  const faults = new FaultSelector(options.faults ?? [], seed);
  const script = new ScriptSelector(options.scriptedReplies ?? []);
  let limits = new ServerLimits(options.limits ?? {}, clock.now());
  let latency: MockLatency = options.latency ?? {};
  const caches: Record<MockProtocol, PromptCache> = {
    openai: new PromptCache({ minTokens: 1024, granularity: 128 }),
    anthropic: new PromptCache({ minTokens: 1024 }),
  };
  const common = {
    requireApiKey: (options.requireApiKey ?? true) || options.apiKeys !== undefined,
    apiKeys: options.apiKeys,
  };
  const openai = openaiProtocol({
    ...common,
    extensionFields: options.openaiExtensionFields ?? OPENAI_COMPATIBLE_EXTENSION_FIELDS,
  });
  const anthropic = anthropicProtocol({ ...common, extensionFields: options.anthropicExtensionFields ?? [] });
  const routes = { "/v1/chat/completions": openai, "/v1/messages": anthropic };
  const promptCache = options.promptCache ?? true;
  const context = (protocol: MockProtocol): ChatContext => ({
    clock,
    seed,
    latency,
    limits,
    faults,
    script,
    cache: promptCache ? caches[protocol] : undefined,
    slowFirstByteMs: options.slowFirstByteMs ?? 30_000,
    stallMs: options.stallMs ?? 60_000,
    rateLimitRetryAfterMs: options.rateLimitRetryAfterMs ?? 1_000,
    parallelToolCalls: options.parallelToolCalls ?? 1,
    respond: options.respond,
  });
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    void route(request, response, {
      clock,
      log,
      routes,
      context: () => context(path === "/v1/messages" ? "anthropic" : "openai"),
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    get requests() {
      return log.all;
    },
    setFaults: (rules) => faults.set(rules),
    setScriptedReplies: (rules) => script.set(rules),
    setLatency: (next) => {
      latency = next;
    },
    setLimits: (next) => {
      limits = new ServerLimits(next, clock.now());
    },
    waitForRequest: (predicate = () => true, waitOptions = {}) =>
      log.waitFor(predicate, waitOptions.settled ?? true),
    reset() {
      log.clear();
      limits.reset(clock.now());
      caches.openai.clear();
      caches.anthropic.clear();
      faults.resetCounters();
      script.resetCounters();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
