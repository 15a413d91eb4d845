import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ProfilingError } from "../errors/profiling-error.js";
import { Profiler } from "../profiler/profiler.js";
import { knownRunEvents } from "../test-support/known-run.js";
import { PIPELINE_CRITICAL_PATH, stepName } from "../test-support/real-pipeline.js";
import { validateTrace } from "../trace/validate-trace.js";
import { analyzeTraceFile, readTraceFile } from "./analyze-trace-file.js";

const codeAndMessage = (error: unknown) => (ProfilingError.is(error) ? [error.code, error.message] : error);

describe("analyzeTraceFile", () => {
  it("analyses a flushed trace as the live profiler does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-analyze-"));
    const profiler = new Profiler({ capacity: { fast: 2 } });
    for (const event of knownRunEvents()) profiler.onEvent(event);
    const path = await profiler.flush(join(dir, "run.trace.json"));
    expect(await analyzeTraceFile(path)).toEqual(profiler.analyze());
  });

  it("reads the docs' example trace (a real run): valid, with its critical path ending at the summary", async () => {
    const path = fileURLToPath(new URL("../../docs/example.trace.json", import.meta.url));
    expect(validateTrace(await readTraceFile(path))).toEqual([]);
    const [critical] = (await analyzeTraceFile(path)).criticalPaths;
    expect(critical?.steps.map(stepName)).toEqual(PIPELINE_CRITICAL_PATH);
  });

  it("names the file when it cannot be read, parsed or understood", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-analyze-"));
    const missing = join(dir, "missing.json");
    expect(await analyzeTraceFile(missing).catch(codeAndMessage)).toEqual([
      "unreadable_trace",
      `could not read the trace file ${missing}`,
    ]);
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ not json");
    const [code, message] = (await analyzeTraceFile(broken).catch(codeAndMessage)) as [string, string];
    expect(code).toBe("unreadable_trace");
    expect(message.startsWith(`${broken} is not JSON: `)).toBe(true);
    const wrong = join(dir, "wrong.json");
    await writeFile(wrong, JSON.stringify({ traceEvents: [{ name: "x", ph: "E", ts: 0, pid: 1, tid: 1 }] }));
    expect(await analyzeTraceFile(wrong).catch(codeAndMessage)).toEqual([
      "invalid_trace",
      `${wrong}: traceEvents[0]: E with no open B on thread 1:1`,
    ]);
  });
});
