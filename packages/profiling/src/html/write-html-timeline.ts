import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ProfilingError } from "../errors/profiling-error.js";
import { type HtmlTimelineOptions, renderHtmlTimeline } from "./render-html-timeline.js";

/**
 * Writes {@link renderHtmlTimeline}'s page for `trace` to `path`, creating parent directories; resolves with the
 * path. Rejects with a `ProfilingError`: `invalid_trace` for a trace it cannot read, `write_failed` naming the file.
 */
export async function writeHtmlTimeline(
  trace: unknown,
  path: string,
  options: HtmlTimelineOptions = {},
): Promise<string> {
  const html = renderHtmlTimeline(trace, options);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, html, "utf8");
  } catch (cause) {
    throw new ProfilingError("write_failed", `could not write the timeline to ${path}`, { cause });
  }
  return path;
}
