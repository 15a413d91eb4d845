export {
  StructuredOutputError,
  type StructuredOutputErrorOptions,
} from "./errors/structured-output-error.js";
export { TaskTimeoutError } from "./errors/task-timeout-error.js";
export { ToolStepLimitError } from "./errors/tool-step-limit-error.js";
export type {
  CancelReason,
  ErrorInfo,
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
  NodeContext,
  NodeDetails,
  NodeOutcome,
  ValueOutcome,
} from "./graph/exec-node.js";
export type { LlmDetails, LlmNodeCall, LlmSettings } from "./llm/run-llm-node.js";
export { runLlmNode } from "./llm/run-llm-node.js";
export type { ToolStep } from "./llm/run-tool-calls.js";
export {
  defaultCost,
  GraphExecution,
  type GraphExecutionOptions,
  type LlmStop,
} from "./run/graph-execution.js";
export type { NodeReport } from "./run/node-report.js";
export type { FailureDecision, TaskRetryOptions } from "./run/retry-decision.js";
export { criticalPathRanks, type RankedNode } from "./scheduler/critical-path.js";
export {
  type PriorityMode,
  Scheduler,
  type SchedulerOptions,
  type TaskOwner,
} from "./scheduler/scheduler.js";
export { ExecutionState, type ExecutionStateOptions, type StateNode } from "./state/execution-state.js";
export { isTerminal, TaskStatus } from "./state/task-status.js";
