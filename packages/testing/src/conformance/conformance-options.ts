import type { LanguageModel, ProviderErrorKind } from "@weft/provider";
import type { MockFault } from "../server/faults/faults.js";

/** The faults whose classification the suite checks (every {@link MockFault} but the two timing ones). */
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
 * built around it instead.
 */
export interface FaultInjection {
  /** Headers added to the request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The model to call instead of a fresh `createModel()` (e.g. one whose fetch fails on purpose). */
  readonly model?: LanguageModel;
  /** Resolves once the server has received the request (the abort checks cancel after it). */
  readonly received?: () => Promise<void>;
  /**
   * Resolves once the server has seen the exchange end: true when the client closed the connection
   * before the reply was complete. Without it the abort checks only check the client side.
   */
  readonly clientClosed?: () => Promise<boolean>;
}

/** What `injectFault` is asked for: a classified fault, or `stall_stream` (pause after the first content). */
export type InjectableFault = ConformanceFault | "stall_stream";

/** Options of {@link providerConformanceChecks} and {@link runProviderConformance}. */
export interface ProviderConformanceOptions {
  /** Names the suite, e.g. `"@weft/openai against the mock server"`. */
  readonly name: string;
  /** Builds the model under test; called for every check. */
  readonly createModel: () => LanguageModel | Promise<LanguageModel>;
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
