import type { LanguageModel, ProviderErrorKind } from "@weft/provider";
import type { MockFault } from "../server/faults/faults.js";

/**
 * The faults whose classification the suite checks: every {@link MockFault} but the two timing ones
 * (`slow_first_byte` has its own timeout check, `stall_stream` serves the abort checks).
 */
export type ConformanceFault = Exclude<MockFault, "slow_first_byte" | "stall_stream">;

/** Every {@link ConformanceFault}, in the order the suite checks them. */
export const CONFORMANCE_FAULTS: readonly ConformanceFault[] = [
  "rate_limit",
  "quota",
  "overloaded",
  "server_error",
  "unavailable",
  "auth",
  "bad_request",
  "context_length",
  "malformed_json",
  "cut_stream",
  "reset",
  "stream_error_event",
];

/**
 * The faults a vendor SDK retries by default (429, 5xx, connection resets). For each one the suite checks
 * that one failed call sent exactly one request: a provider must not retry; weft's resources layer does.
 */
export const RETRYABLE_FAULTS: readonly ConformanceFault[] = [
  "rate_limit",
  "overloaded",
  "server_error",
  "unavailable",
  "reset",
];

/**
 * The `ProviderError` kinds each fault must be classified as, by default. Where real APIs differ
 * (a 503 or an in-stream error may be overload or a passing failure), either kind passes.
 */
export const DEFAULT_EXPECTED_KINDS: Readonly<Record<ConformanceFault, readonly ProviderErrorKind[]>> = {
  rate_limit: ["rate_limit"],
  quota: ["quota"],
  overloaded: ["overloaded"],
  server_error: ["transient"],
  unavailable: ["overloaded", "transient"],
  auth: ["auth"],
  bad_request: ["invalid_request"],
  context_length: ["context_length"],
  malformed_json: ["transient"],
  cut_stream: ["transient"],
  reset: ["transient"],
  stream_error_event: ["overloaded", "transient"],
};

/**
 * How to make one call fail (or stall), supplied by the provider author. Any field may be left out.
 * The suite merges `headers` into the request (`GenerateRequest.headers`), so a server that reads a
 * fault header (like weft's mock server) needs nothing else; a fetch interceptor can return a `model`
 * built around it instead. The suite asks for a fresh injection for every call it makes.
 */
export interface FaultInjection {
  /** Headers added to the request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The model to call instead of a fresh `createModel()` (e.g. one whose fetch fails on purpose).
   * Not used for `slow_first_byte`: the timeout check always calls `createTimeoutModel`'s model.
   */
  readonly model?: LanguageModel;
  /**
   * How many HTTP requests of this injection the server (or interceptor) has received so far. The retry
   * checks and the timeout check read it after a failed call and expect exactly 1. Without it the retry
   * checks are skipped.
   */
  readonly requestCount?: () => number | Promise<number>;
  /** Resolves once the server has received the request (the abort checks cancel after it). */
  readonly received?: () => Promise<void>;
  /**
   * Resolves once the server has seen the exchange end: true when the client closed the connection
   * before the reply was complete. Without it the abort checks only check the client side.
   */
  readonly clientClosed?: () => Promise<boolean>;
}

/**
 * What `injectFault` is asked for: a classified fault, `stall_stream` (pause after the first content, for the
 * abort checks), or `slow_first_byte` (hold the reply back longer than {@link CONFORMANCE_TIMEOUT_MS}, for the
 * timeout check).
 */
export type InjectableFault = ConformanceFault | "stall_stream" | "slow_first_byte";

/**
 * The per-attempt timeout the timeout check asks `createTimeoutModel` for: short, so the check waits tens of
 * milliseconds, and only the provider's own timer ends the held reply.
 */
export const CONFORMANCE_TIMEOUT_MS = 50;

/** Options of {@link providerConformanceChecks} and {@link runProviderConformance}. */
export interface ProviderConformanceOptions {
  /** Names the suite, e.g. `"@weft/openai against the mock server"`. */
  readonly name: string;
  /** Builds the model under test; called for every check. */
  readonly createModel: () => LanguageModel | Promise<LanguageModel>;
  /**
   * Builds the model under test with a per-attempt timeout of `timeoutMs` (the suite passes
   * {@link CONFORMANCE_TIMEOUT_MS}), e.g. `(timeoutMs) => createX({ ..., timeoutMs }).languageModel(id)`.
   * The timeout check holds the reply's first byte (`slow_first_byte`) and expects kind `timeout`.
   * Default: none, and the timeout check is skipped.
   */
  readonly createTimeoutModel?: (timeoutMs: number) => LanguageModel | Promise<LanguageModel>;
  /** Makes the next call fail with `fault` (see {@link FaultInjection}). */
  readonly injectFault: (fault: InjectableFault) => FaultInjection | Promise<FaultInjection>;
  /** Faults to check. Default: {@link CONFORMANCE_FAULTS}. */
  readonly faults?: readonly ConformanceFault[];
  /** Expected kinds per fault, replacing the defaults of the faults given. */
  readonly expectedKinds?: Partial<Record<ConformanceFault, readonly ProviderErrorKind[]>>;
  /** Whether the server reports token usage, so counts must be numbers. Default: true. */
  readonly reportsUsage?: boolean;
  /** Values (API keys) that must never appear in an error's message, body or cause. Default: none. */
  readonly secrets?: readonly string[];
  /** Check names to leave out. Default: none. */
  readonly skip?: readonly string[];
}
