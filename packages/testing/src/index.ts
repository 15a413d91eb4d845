export { ManualClock } from "@weft/core";
export { ConformanceError } from "./conformance/conformance-error.js";
export type {
  ConformanceFault,
  FaultInjection,
  InjectableFault,
  ProviderConformanceOptions,
} from "./conformance/conformance-options.js";
export {
  CONFORMANCE_FAULTS,
  CONFORMANCE_TIMEOUT_MS,
  DEFAULT_EXPECTED_KINDS,
  RETRYABLE_FAULTS,
} from "./conformance/conformance-options.js";
export { mockServerFaultInjector } from "./conformance/mock-server-injector.js";
export type {
  ConformanceCheck,
  ConformanceContext,
  ConformanceRunner,
} from "./conformance/provider-conformance.js";
export { providerConformanceChecks, runProviderConformance } from "./conformance/provider-conformance.js";
export type { MockOutput, MockUsage } from "./mock-model/complete-response.js";
export { estimateUsage } from "./mock-model/complete-response.js";
export type { MockBehavior, MockCall } from "./mock-model/mock-behavior.js";
export type { MockLanguageModelOptions } from "./mock-model/mock-language-model.js";
export { MockLanguageModel } from "./mock-model/mock-language-model.js";
export type { MockModelErrorCode } from "./mock-model/mock-model-error.js";
export { MockModelError } from "./mock-model/mock-model-error.js";
export type {
  FailWithOptions,
  MockGenerateResult,
  MockResponseInit,
  MockStreamResult,
  MockStreamScript,
  MockToolCallInit,
} from "./mock-model/mock-results.js";
export {
  failWith,
  objectResponse,
  streamParts,
  textResponse,
  toolCallResponse,
} from "./mock-model/mock-results.js";
export { responseToParts, splitIntoDeltas } from "./mock-model/response-parts.js";
export { hashString, SeededRandom } from "./random/seeded-random.js";
export type { GenerateValueOptions } from "./schema/generate-value.js";
export { generateValue } from "./schema/generate-value.js";
export { SchemaGenerationError } from "./schema/schema-generation-error.js";
export type { SchemaNode } from "./schema/schema-ref.js";
export type { SchemaIssue } from "./schema/validate-value.js";
export { validateValue } from "./schema/validate-value.js";
export {
  MOCK_SERVER_USAGE,
  MockServerArgsError,
  parseMockServerArgs,
} from "./server/cli-args.js";
export type { FaultRule, MockFault } from "./server/faults/faults.js";
export { FAULT_HEADER, isMockFault, MOCK_FAULTS } from "./server/faults/faults.js";
export type { AppliedLatency, MockLatency } from "./server/latency/latency-model.js";
export type { MockServerLimits } from "./server/limits/server-limits.js";
export type { MockServer, MockServerOptions } from "./server/mock-server.js";
export { startMockServer } from "./server/mock-server.js";
export { OPENAI_COMPATIBLE_EXTENSION_FIELDS } from "./server/openai/openai-fields.js";
export type { MockProtocol, ReplyUsage } from "./server/protocol.js";
export type { ChatMessageView, ChatRequestView } from "./server/reply/chat-request-view.js";
export type { RecordedRequest, RequestOutcome } from "./server/request-log.js";
export { TAG_HEADER } from "./server/router.js";
export type {
  ScriptedEvent,
  ScriptedReply,
  ScriptedReplyRule,
} from "./server/script/scripted-reply.js";
export { countMessageTokens, countTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens/approximate-tokens.js";
