/** Runs `fn` `runs` times and returns the best wall time in milliseconds (noisy machines: best of several). */
export async function bestOf(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Peak resident set size of this process so far, in MB (Linux VmHWM; falls back to current RSS). */
export async function peakRssMb(): Promise<number> {
  try {
    const { readFile } = await import("node:fs/promises");
    const status = await readFile("/proc/self/status", "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Prints the benchmark's figures as one JSON object on the last line of stdout. */
export function report(figures: Record<string, number | string | boolean>): void {
  console.log(JSON.stringify(figures));
}

/** A geometric mean of ratios with its 95% interval. */
export interface RatioMean {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The geometric mean of `ratios` with a 95% interval: the mean of their logs +- 1.96 standard errors, which says
 * whether a figure can be told from a target on a noisy machine.
 */
export function geometricMean(ratios: readonly number[]): RatioMean {
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1));
  const half = (1.96 * sd) / Math.sqrt(logs.length);
  return { mean: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half) };
}
