export type { DatasetDescription, DatasetOptions } from "./dataset/dataset.js";
export { Dataset } from "./dataset/dataset.js";
export type {
  DatasetFile,
  DatasetFormat,
  DatasetItem,
  DatasetRecord,
  DatasetSource,
  InputIssue,
  InvalidEntry,
  InvalidEntryReason,
} from "./dataset/dataset-source.js";
export { canonicalJson, inputHash } from "./dataset/input-hash.js";
export type { RunnerErrorCode, RunnerErrorOptions } from "./errors/runner-error.js";
export { RunnerError } from "./errors/runner-error.js";
export type {
  DatasetFinishedEvent,
  DatasetItemEvent,
  DatasetStartedEvent,
  RunnerEvent,
} from "./events/runner-events.js";
export { flattenRow } from "./folder/flatten-row.js";
export type { FailedItem, FolderEntry, ItemRow, ItemUsage, SucceededItem } from "./folder/folder-inputs.js";
export type {
  ErrorRow,
  ErrorStage,
  FlattenedRow,
  LedgerEntry,
  NodeRow,
  OutputRow,
} from "./folder/folder-records.js";
export type { RunCounts } from "./folder/ledger.js";
export { snakeCase } from "./folder/node-dir-names.js";
export { WEFT_PACKAGES, weftPackageVersions } from "./folder/package-versions.js";
export { readFolderRows } from "./folder/read-folder-rows.js";
export type { EntryState } from "./folder/run-folder.js";
export { RunFolder } from "./folder/run-folder.js";
export {
  DEFAULT_MAX_LINES_PER_FILE,
  dataFileName,
  RUN_FOLDER_FORMAT,
  RUN_FOLDER_PATHS,
  RUN_FOLDER_VERSION,
} from "./folder/run-folder-format.js";
export type { RunFolderOptions } from "./folder/run-folder-options.js";
export type { RunMetadata, RunStatus, StopReason } from "./folder/run-metadata.js";
export { readRunMetadata } from "./folder/run-metadata.js";
export type { ProgressSnapshot, RunProgressOptions } from "./progress/run-progress.js";
export { RunProgress } from "./progress/run-progress.js";
export type { RowsFunction, RowsResult } from "./rows/item-rows.js";
export { itemRows, rowId } from "./rows/item-rows.js";
export { errorKind } from "./run/error-kind.js";
export { itemArgument } from "./run/item-argument.js";
export { checkPipelineAliases, pipelineAliases } from "./run/pipeline-aliases.js";
export { runDataset } from "./run/run-dataset.js";
export type {
  RunDatasetOptions,
  RunDatasetResult,
  RunEventSink,
  SessionCounts,
} from "./run/run-dataset-options.js";
export { probeInput, tracePipeline } from "./run/trace-pipeline.js";
