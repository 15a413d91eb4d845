export { ManualClock } from "@weft/core";
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
export { countMessageTokens, countTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens/approximate-tokens.js";
