export type { AnthropicProvider, AnthropicProviderSettings } from "./anthropic-provider.js";
export { ANTHROPIC_BASE_URL, createAnthropic } from "./anthropic-provider.js";
export type { AnthropicErrorInfo } from "./errors/classify-anthropic-error.js";
export { classifyAnthropicError } from "./errors/classify-anthropic-error.js";
export type { ErrorContext } from "./errors/map-anthropic-error.js";
export { mapAnthropicError } from "./errors/map-anthropic-error.js";
export type { AnthropicMessagesLanguageModel } from "./messages/anthropic-messages-language-model.js";
export {
  anthropicModelCapabilities,
  supportsNativeStructuredOutput,
} from "./messages/anthropic-model-traits.js";
export type { TimingClock } from "./messages/messages-model-config.js";
export { parseAnthropicRateLimit } from "./rate-limit/rate-limit-headers.js";
export { VERSION } from "./version.js";
