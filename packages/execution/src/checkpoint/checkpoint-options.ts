/** Checkpoints of a run, batch or stream. */
export interface CheckpointOptions {
  /** Folder of the checkpoint files (created when missing). Required. */
  readonly dir: string;
  /**
   * Name of the checkpoint: `<dir>/<executionId>.json` for a run, `<dir>/<executionId>.jsonl` for a batch or
   * stream. Default: the run id (random), so pass one to be able to resume.
   */
  readonly executionId?: string;
  /** Continue from an existing checkpoint with the same graph hash and inputs digest. Default: false. */
  readonly resume?: boolean;
  /**
   * Store node results. Without them nothing can be resumed, but no data (prompts, replies) reaches the disk.
   * Input values are never stored: they are bound again from the inputs. Default: true.
   */
  readonly storeValues?: boolean;
  /** Single run: completions buffered before a write. Default: 10. */
  readonly bufferSize?: number;
  /** Single run: write at the next completion once this long has passed since the last write (ms). Default: 60,000. */
  readonly flushIntervalMs?: number;
}
