export type { ModelCapabilities, StructuredOutputStrategy } from "./capabilities.js";
export type { ProviderErrorKind, ProviderErrorOptions } from "./errors/provider-error.js";
export { isRetryableKind, PROVIDER_ERROR_KINDS, ProviderError } from "./errors/provider-error.js";
export type { WeftErrorOptions } from "./errors/weft-error.js";
export { applyBrand, brandCheck, WeftError } from "./errors/weft-error.js";
export {
  buildProviderError,
  type ProviderErrorContext,
  type ProviderErrorDetails,
} from "./helpers/build-provider-error.js";
export { isConnectionFailure } from "./helpers/connection-failure.js";
export {
  type ClientErrorContext,
  type ClientErrorRules,
  errorObjectOf,
  mapClientError,
  stringField,
} from "./helpers/map-client-error.js";
export { leaksSecret, redactSecrets, redactSecretsDeep } from "./helpers/redact-secrets.js";
export type { JSONSchema } from "./json-schema.js";
export type { LanguageModel, Provider } from "./language-model.js";
export { isLanguageModel } from "./language-model.js";
export type {
  AssistantMessage,
  Message,
  SystemMessage,
  ToolMessage,
  UserMessage,
} from "./messages.js";
export type { CallOptions, GenerateRequest, ProviderOptions, ResponseFormat } from "./request.js";
export type {
  FinishReason,
  GenerateResponse,
  RateLimitInfo,
  ResponseInfo,
  Timing,
  Usage,
} from "./response.js";
export { parseRetryAfterMs, readHeader } from "./retry-after.js";
export type {
  FinishPart,
  ReasoningDeltaPart,
  ResponseMetadataPart,
  StreamPart,
  TextDeltaPart,
  ToolCallDeltaPart,
  ToolCallPart,
  ToolCallStartPart,
} from "./stream-parts.js";
export type { ToolCall, ToolChoice, ToolSpec } from "./tools.js";
export { addUsage, UNKNOWN_USAGE } from "./usage.js";
