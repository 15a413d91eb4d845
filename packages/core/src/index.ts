export type { CancelTimer, Clock } from "./clock/clock.js";
export { abortReason, startTimer, systemClock } from "./clock/clock.js";
export { ManualClock } from "./clock/manual-clock.js";
export { ModuleDict } from "./containers/module-dict.js";
export { ModuleList } from "./containers/module-list.js";
export { Sequential } from "./containers/sequential.js";
export type { BindOptions, BoundConfig, BoundExecutor } from "./dispatch/bound-executor.js";
export { getBoundExecutor, setBoundExecutor } from "./dispatch/bound-executor.js";
export type { AccessKind, OpExecutor, TraceHandler } from "./dispatch/trace-handler.js";
export { getTraceHandler, isTracing, pushTraceHandler, withTraceHandler } from "./dispatch/trace-handler.js";
export { ContainerError, type ContainerErrorCode } from "./errors/container-error.js";
export { DirectCallError } from "./errors/direct-call-error.js";
export { ExecutionError, type ExecutionErrorOptions } from "./errors/execution-error.js";
export { NoExecutorError } from "./errors/no-executor-error.js";
export { OpError, type OpErrorCode } from "./errors/op-error.js";
export { OptimizationError, type OptimizationErrorOptions } from "./errors/optimization-error.js";
export { ParameterError } from "./errors/parameter-error.js";
export { RateLimitError, type RateLimitErrorOptions } from "./errors/rate-limit-error.js";
export {
  type SchemaIssue,
  SchemaValidationError,
  type SchemaValidationErrorOptions,
} from "./errors/schema-validation-error.js";
export { ToolDefinitionError } from "./errors/tool-definition-error.js";
export { TraceError, type TraceErrorReason } from "./errors/trace-error.js";
export { TransientError } from "./errors/transient-error.js";
export { UnknownParameterError } from "./errors/unknown-parameter-error.js";
export type { EventBusOptions, EventContext, WeftEvent } from "./events/event-bus.js";
export { EventBus } from "./events/event-bus.js";
export type {
  ChatCompleteRequest,
  ChatCompletionsClient,
  GenerateClient,
} from "./functional/chat-complete.js";
export type { IsErrorResult } from "./functional/error-ops.js";
export * as F from "./functional/f.js";
export type { NumericInput } from "./functional/numeric-input.js";
export type { ResponseMeta } from "./functional/response-ops.js";
export type { SelectOptions, SelectPath } from "./functional/select.js";
export type { StructuredSchema } from "./functional/structured-ops.js";
export type { TextInput } from "./functional/text-input.js";
export type { ConcatOptions, TemplateVars } from "./functional/text-ops.js";
export {
  type FewShotMessage,
  LLMInference,
  type LLMInferenceOptions,
  type LLMOutput,
} from "./llm/llm-inference.js";
export { defineTool, type Tool, type ToolContext, type ToolDefinition } from "./llm/tool.js";
export { type ExecuteToolCallOptions, executeToolCall, toolResultMessage } from "./llm/tool-call.js";
export { boundConfigOf } from "./module/bound-config-of.js";
export { isLeafModule, isLLMInference } from "./module/brands.js";
export { LeafModule } from "./module/leaf-module.js";
export { isModule, Module, type ParameterTraversalOptions } from "./module/module.js";
export type {
  Bound,
  BoundOutput,
  CallArgs,
  CallOutput,
  DeclaredInputSchema,
  DeclaredOutputSchema,
  ForwardParameters,
  ForwardReturn,
  LeafOutput,
} from "./module/module-types.js";
export { runLeaf } from "./module/run-leaf.js";
export { inputSchemaOf, outputSchemaOf } from "./module/schemas.js";
export { isParameterContainer } from "./parameter/container-brand.js";
export { extractActions } from "./parameter/extract-actions.js";
export { isParameter, Parameter, type ParameterOptions } from "./parameter/parameter.js";
export { ParameterDict } from "./parameter/parameter-dict.js";
export { ParameterList } from "./parameter/parameter-list.js";
export { prompt } from "./prompt/prompt.js";
export { renderPrompt } from "./prompt/render-prompt.js";
export { displayText } from "./value/display-text.js";
export {
  type ErrorValue,
  errorValue,
  firstErrorValue,
  hasErrorValue,
} from "./value/error-values.js";
export { asFloat, type FloatNumber, isFloatNumber } from "./value/float.js";
export { inferKind } from "./value/infer-kind.js";
export { type ErrorCause, MetaKey } from "./value/meta-keys.js";
export { isPlainObject } from "./value/plain.js";
export { collectRefs, hasRefs, replaceValuesWithRefs, type WithRefs } from "./value/refs.js";
export { toValue } from "./value/to-value.js";
export { type Unwrapped, unwrap } from "./value/unwrap.js";
export { isValue, Value, type ValueOptions } from "./value/value.js";
export { accessValue } from "./value/value-access.js";
export { valueFromJSON } from "./value/value-from-json.js";
export type { ValueInput } from "./value/value-input.js";
export type { ErrorJSON, ValueJSON } from "./value/value-json.js";
export { isValueKind, ValueKind } from "./value/value-kind.js";
export { isValueRef, ValueRef } from "./value/value-ref.js";
export type {
  ElementOf,
  FieldOf,
  FieldValue,
  IndexOf,
  Meta,
  ValueKey,
} from "./value/value-types.js";
export { type Valueified, type ValueifiedAs, valueify } from "./value/valueify.js";
