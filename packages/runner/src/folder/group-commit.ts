import type { EntryLines } from "./entry-lines.js";
import type { LedgerEntry } from "./folder-records.js";
import { countEntry, type LedgerWriter, type RunCounts } from "./ledger.js";
import type { RollingJsonl } from "./rolling-jsonl.js";

interface Batch {
  readonly data: Map<string, string[]>;
  readonly ledger: LedgerEntry[];
}

const emptyBatch = (): Batch => ({ data: new Map(), ledger: [] });

/**
 * The run folder's group commit: entries are buffered, and each group's data lines are written (and their
 * writes completed) before its ledger lines, so an entry is committed exactly when its ledger line is complete.
 * One group is written at a time; entries added meanwhile form the next group. The first write failure is
 * kept and thrown by every later `add` and `flush`.
 */
export class GroupCommit {
  private batch: Batch = emptyBatch();
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly writers: ReadonlyMap<string, RollingJsonl>,
    private readonly ledger: LedgerWriter,
    private countsSoFar: RunCounts,
    /** Buffered entries past which `add` waits for the disk. Default: 256. */
    private readonly highWaterMark = 256,
  ) {}

  /** Counts and totals of the entries committed so far. */
  get counts(): RunCounts {
    return this.countsSoFar;
  }

  /** Buffers one entry; resolves at once, or, past `highWaterMark` buffered entries, once the disk caught up. */
  async add(lines: EntryLines): Promise<void> {
    this.throwIfFailed();
    for (const [dir, dataLines] of lines.data) {
      const pending = this.batch.data.get(dir);
      if (pending) pending.push(...dataLines);
      else this.batch.data.set(dir, [...dataLines]);
    }
    this.batch.ledger.push(lines.ledger);
    this.flushing ??= this.drain();
    if (this.batch.ledger.length >= this.highWaterMark) await this.flushing;
  }

  /** Waits until every entry added so far is committed on disk. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.throwIfFailed();
  }

  /** Throws the write failure, if one happened. */
  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.batch.ledger.length > 0 && this.failure === undefined) {
        const batch = this.batch;
        this.batch = emptyBatch();
        await Promise.all(
          [...batch.data].map(([dir, lines]) => (this.writers.get(dir) as RollingJsonl).append(lines)),
        );
        await this.ledger.append(batch.ledger);
        for (const entry of batch.ledger) this.countsSoFar = countEntry(this.countsSoFar, entry);
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.flushing = undefined;
    }
  }
}
