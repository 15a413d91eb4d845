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
