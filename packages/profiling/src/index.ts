export type {
  AliasAnalysis,
  Bubble,
  BubbleCause,
  CriticalPath,
  CriticalStep,
  Interval,
  ProfileAnalysis,
  ProfileTotals,
  StepCalls,
  TokenTotals,
  WaitTotals,
} from "./analysis/analysis-types.js";
export type { AnalyzeOptions } from "./analysis/analyze-trace.js";
export { analyzeTrace } from "./analysis/analyze-trace.js";
export { analyzeTraceFile, readTraceFile } from "./analysis/analyze-trace-file.js";
export { readTrace } from "./analysis/read-trace.js";
export { aliasCapacities } from "./config/alias-capacities.js";
export type { ProfilingErrorCode } from "./errors/profiling-error.js";
export { ProfilingError } from "./errors/profiling-error.js";
export type { BuildTraceOptions } from "./export/build-trace.js";
export { buildTrace } from "./export/build-trace.js";
export type { HtmlTimelineOptions } from "./html/render-html-timeline.js";
export { renderHtmlTimeline } from "./html/render-html-timeline.js";
export { writeHtmlTimeline } from "./html/write-html-timeline.js";
export type {
  ExecutionEventInput,
  ExpansionTemplateInput,
  GraphNodeInput,
  ItemDoneInput,
  NodeEventInput,
  NodeEventType,
  NodeExpandedInput,
  RunFinishedInput,
  RunGraphInput,
  RunStartedInput,
} from "./input/runtime-events.js";
export type {
  AttemptOutcome,
  AttemptSpan,
  CallOutcome,
  CallSpan,
  FanOutExpansion,
  Mark,
  NodeSpan,
  NodeStatus,
  ProfileModel,
  RunSpan,
  SpanOwner,
  WaitKind,
  WaitSpan,
} from "./model/profile-model.js";
export { DEFAULT_RUN_ID } from "./model/profile-model.js";
export type { EventSource, ProfilerOptions } from "./profiler/profiler.js";
export { Profiler } from "./profiler/profiler.js";
export type { FormatSummaryOptions } from "./summary/format-summary.js";
export { formatSummary } from "./summary/format-summary.js";
export { serializeTrace } from "./trace/serialize-trace.js";
export type { TraceEvent, TraceFile, TraceRun, WeftTraceMetadata } from "./trace/trace-types.js";
export type { TraceIssue, ValidateTraceOptions } from "./trace/validate-trace.js";
export { validateTrace } from "./trace/validate-trace.js";
