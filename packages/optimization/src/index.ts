// Tapes live in @weft/execution (runs in training mode register them); re-exported for existing imports.
export {
  attachTape,
  collectTapeIds,
  findTape,
  isGradEnabled,
  liveTapeIds,
  noGrad,
  registerTape,
  releaseTape,
  setTapeCapacity,
  tapeCapacity,
} from "@weft/execution";
export { type BackwardOptions, backward } from "./backward/backward.js";
export type { BackwardReport, CritiqueReport } from "./backward/backward-report.js";
export {
  type Backwardable,
  type BackwardContext,
  type BackwardResult,
  type FeedbackSink,
  hasBackward,
} from "./backward/backward-types.js";
export { CRITIC_SYSTEM_PROMPT } from "./backward/critique-prompt.js";
export { DETACH_OP, detach } from "./backward/detach.js";
export {
  BACKWARD_ALIAS,
  type Propagation,
  type RoutingPropagation,
  routing,
  type TextualGradientOptions,
  type TextualGradientPropagation,
  textualGradients,
} from "./backward/propagation.js";
export { BackwardError, type BackwardErrorCode, type BackwardFailure } from "./errors/backward-error.js";
export { LossError, type LossErrorCode } from "./errors/loss-error.js";
export type {
  OptimizationEvent,
  OptimizationEventType,
  ParameterKeptEvent,
  ParameterUpdatedEvent,
  StepFinishedEvent,
  StepStartedEvent,
  TrainingBatchEvent,
  TrainingCheckpointEvent,
  TrainingFinishedEvent,
  TrainingStartedEvent,
} from "./events/optimization-events.js";
export {
  type Aggregate,
  type BoundedFeedback,
  boundFeedback,
  type FeedbackBudget,
} from "./feedback/bound-feedback.js";
export { combineFeedback } from "./feedback/combine.js";
export { Feedback, type FeedbackOptions } from "./feedback/feedback.js";
export {
  type FeedbackPayload,
  feedbackActions,
  normalizeFeedbackPayload,
  normalizeFeedbackValue,
} from "./feedback/normalize.js";
export {
  CompositeLoss,
  type CompositeLossOptions,
} from "./losses/composite-loss.js";
export { type ConsolePromptOptions, consolePrompt } from "./losses/console-prompt.js";
export {
  type HumanFeedbackAnswer,
  HumanFeedbackLoss,
  type HumanFeedbackLossOptions,
  type HumanFeedbackRequest,
  type HumanPrompt,
} from "./losses/human-feedback-loss.js";
export { JUDGE_SYSTEM_PROMPT, LLMJudge, type LLMJudgeOptions } from "./losses/llm-judge.js";
export { type EvaluateOptions, Loss, type LossInput } from "./losses/loss.js";
export {
  LLMPreferenceLoss,
  type LLMPreferenceLossOptions,
  type PreferenceResponse,
  preferenceResponseSchema,
} from "./losses/preference-loss.js";
export {
  LLMRankingLoss,
  type LLMRankingLossOptions,
  type RankingResponse,
  rankingResponseSchema,
} from "./losses/ranking-loss.js";
export {
  LLMRubricLoss,
  type LLMRubricLossOptions,
  type RubricLevel,
  type RubricResponse,
  rubricResponseSchema,
} from "./losses/rubric-loss.js";
export { type Verdict, type Verifier, VerifierLoss } from "./losses/verifier-loss.js";
export {
  alwaysCommit,
  type CommitDecision,
  type CommitPolicy,
  commitIfNotWorse,
  type ValidationCommit,
  type ValidationCommitOptions,
} from "./optimizers/commit-policy.js";
export { Optimizer } from "./optimizers/optimizer.js";
export type {
  OptimizerOptions,
  StepOptions,
  UpdateOutcome,
  UpdateRequest,
  UpstreamChange,
} from "./optimizers/optimizer-types.js";
export { type ParameterOrder, parameterOrder } from "./optimizers/parameter-graph.js";
export {
  AGGREGATOR_ALIAS,
  SFAOptimizer,
  type SFAOptimizerOptions,
  UPDATER_ALIAS,
} from "./optimizers/sfa-optimizer.js";
export { AGGREGATOR_SYSTEM_PROMPT, UPDATER_SYSTEM_PROMPT } from "./optimizers/sfa-prompts.js";
export type { HistoryEntry, KeptParameter, ParameterUpdate, StepResult } from "./optimizers/step-result.js";
export { TGDOptimizer, type TGDOptimizerOptions } from "./optimizers/tgd-optimizer.js";
export { TGD_SYSTEM_PROMPT } from "./optimizers/tgd-prompts.js";
export * as simulation from "./simulation/index.js";
export {
  attachRecord,
  type RecordedItem,
  type RecordedRun,
  recordBatch,
  recordRun,
} from "./tape/record-run.js";
export { getRecord, registerRecord, releaseRecord } from "./tape/tape-registry.js";
export {
  defaultMetric,
  type EvaluateSetOptions,
  type Example,
  evaluateSet,
  type Metric,
} from "./training/evaluate-set.js";
export { seededShuffle } from "./training/seeded-shuffle.js";
export { train } from "./training/train.js";
export type { TrainOptions, TrainResult } from "./training/train-types.js";
