import { installBoundExecutor } from "./run/bound-executor.js";

// Importing @weft/execution makes bound modules runnable: `module.bind(resources)` then `await module.call(x)`.
installBoundExecutor();

export type { BatchItem } from "./batch/batch-item.js";
export { type BatchOptions, runBatch } from "./batch/run-batch.js";
export { runStream, type StreamOptions } from "./batch/run-stream.js";
export { BatchLog, type BatchLogLine, ResumeIndex, type StoredItem } from "./checkpoint/batch-log.js";
export { CheckpointError } from "./checkpoint/checkpoint-error.js";
export type { CheckpointOptions } from "./checkpoint/checkpoint-options.js";
export { inputsDigest } from "./checkpoint/inputs-digest.js";
export {
  type CompletedNodeRecord,
  isCompatible,
  loadRunCheckpoint,
  type RunCheckpointFile,
} from "./checkpoint/run-checkpoint.js";
export { NoResourcesError } from "./errors/no-resources-error.js";
export { type NodeFailure, RunFailedError } from "./errors/run-failed-error.js";
export {
  StructuredOutputError,
  type StructuredOutputErrorOptions,
} from "./errors/structured-output-error.js";
export { TaskTimeoutError } from "./errors/task-timeout-error.js";
export { ToolStepLimitError } from "./errors/tool-step-limit-error.js";
export type {
  CancelReason,
  ErrorInfo,
  ExpansionTemplate,
  GraphNodeInfo,
  ItemDoneEvent,
  NodeCancelledEvent,
  NodeDeltaEvent,
  NodeExpandedEvent,
  NodeFailedEvent,
  NodeFinishedEvent,
  NodeKind,
  NodeQueuedEvent,
  NodeRetriedEvent,
  NodeSkippedEvent,
  NodeStartedEvent,
  Profiler,
  RunFinishedEvent,
  RunStartedEvent,
  RunStatus,
  RuntimeEvent,
  RuntimeEventContext,
  RuntimeEventType,
} from "./events/runtime-events.js";
export { errorInfo } from "./events/runtime-events.js";
export type {
  ExecNode,
  ExpandOutcome,
  ExpansionChunk,
  NodeContext,
  NodeDetails,
  NodeOutcome,
  ValueOutcome,
} from "./graph/exec-node.js";
export { type NodeEnvironment, toExecNodes } from "./graph/graph-nodes.js";
export type { LlmDetails, LlmNodeCall, LlmSettings } from "./llm/run-llm-node.js";
export { runLlmNode } from "./llm/run-llm-node.js";
export type { ToolStep } from "./llm/run-tool-calls.js";
export { resolveSampleId, type SampleCall, type SampleId } from "./llm/sample-id.js";
export { attachRecord } from "./record/attach-record.js";
export { buildForwardRecord, type ForwardRecord } from "./record/forward-record.js";
export { isGradEnabled, noGrad } from "./record/no-grad.js";
export { attachTape, collectTapeIds } from "./record/tape-ids.js";
export {
  DEFAULT_TAPE_CAPACITY,
  findTape,
  liveTapeIds,
  registerTape,
  releaseTape,
  setTapeCapacity,
  tapeCapacity,
  wasTapeEvicted,
} from "./record/tape-registry.js";
export { executeBound } from "./run/bound-executor.js";
export { GraphExecution, type GraphExecutionOptions, type LlmStop } from "./run/graph-execution.js";
export type { NodeReport, RunTotals } from "./run/node-report.js";
export {
  NodeTimeline,
  type NodeTimelineContext,
  type NodeTimelineView,
  type TimelineItem,
  type TimelineNode,
} from "./run/node-timeline.js";
export type { FailureDecision, TaskRetryOptions } from "./run/retry-decision.js";
export { type RunOptions, run } from "./run/run.js";
export { args, type CallArguments, type RunInput } from "./run/run-input.js";
export type { RunResult, RunTimings } from "./run/run-result.js";
export { type ItemPreparation, Runtime, type RuntimeItem } from "./run/runtime.js";
export { criticalPathRanks, type RankedNode } from "./scheduler/critical-path.js";
export { type CostedNode, defaultCost, RankBook } from "./scheduler/rank-book.js";
export {
  type PriorityMode,
  Scheduler,
  type SchedulerOptions,
  type TaskOwner,
} from "./scheduler/scheduler.js";
export { boundSettings } from "./settings/bound-settings.js";
export {
  currentSettings,
  type ExecutionSettings,
  resolveSettings,
  withSettings,
} from "./settings/execution-settings.js";
export { currentRun, type RunScope } from "./settings/run-scope.js";
export { ExecutionState, type ExecutionStateOptions, type StateNode } from "./state/execution-state.js";
export { isTerminal, TaskStatus } from "./state/task-status.js";
