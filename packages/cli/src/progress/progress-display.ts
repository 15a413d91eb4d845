import type { Clock } from "@weft/core";
import type { RunProgress } from "@weft/runner";
import type { OutputStream } from "../cli-io.js";
import { formatProgress } from "./format-progress.js";

/** Options of a {@link ProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Milliseconds between redraws. Default: 200 on a terminal, 10,000 otherwise. */
  readonly intervalMs?: number;
}

/**
 * Draws a run's progress on a Clock: on a terminal the three lines of `formatProgress` are redrawn in place;
 * elsewhere (a pipe, a CI log) one line is appended per interval. `stop()` draws the final state.
 *
 * @example
 * ```ts
 * const display = new ProgressDisplay(progress, process.stderr, systemClock);
 * display.start();
 * await run();
 * await display.stop();
 * ```
 */
export class ProgressDisplay {
  private readonly intervalMs: number;
  private readonly stopper = new AbortController();
  private loop: Promise<void> | undefined;
  private drawnLines = 0;

  constructor(
    private readonly progress: RunProgress,
    private readonly out: OutputStream,
    private readonly clock: Clock,
    options: ProgressDisplayOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? (out.isTTY ? 200 : 10_000);
  }

  /** Starts redrawing every interval. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops redrawing and, when it was started, draws the final state once. */
  async stop(): Promise<void> {
    this.stopper.abort();
    if (this.loop === undefined) return;
    await this.loop;
    this.draw();
  }

  /** Draws the current state now. */
  draw(): void {
    const lines = formatProgress(this.progress.snapshot(), this.out.columns ?? 80);
    if (!this.out.isTTY) {
      this.out.write(`${lines.slice(0, 2).join("  |  ")}\n`);
      return;
    }
    const erase = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F\x1b[0J` : "";
    this.out.write(`${erase}${lines.join("\n")}\n`);
    this.drawnLines = lines.length;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopper;
    while (!signal.aborted) {
      try {
        await this.clock.sleep(this.intervalMs, signal);
      } catch {
        return;
      }
      this.draw();
    }
  }
}
