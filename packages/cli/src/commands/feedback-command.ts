import { appendFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { MetaKey } from "@weft/core";
import { HumanFeedbackLoss, type RubricLevel } from "@weft/optimization";
import { type OutputRow, RUN_FOLDER_PATHS, readFolderRows, readRunMetadata } from "@weft/runner";
import { numberFlag, parseFlags, requirePositional, stringFlag } from "../args/parse-flags.js";
import type { CliIO } from "../cli-io.js";
import { CliError } from "../errors/cli-error.js";
import { stdinPrompt } from "../feedback/stdin-prompt.js";

/** Usage line of `weft feedback`. */
export const FEEDBACK_USAGE =
  "weft feedback <run-folder> [--criteria TEXT] [--scale N] [--limit N] [--out <file.jsonl>]";

/** Levels 1 (worst) to `n` (best) of a `--scale N` rubric. */
function scaleRubric(n: number): RubricLevel[] {
  return Array.from({ length: n }, (_, i) => ({
    score: i + 1,
    label: i === 0 ? "worst" : i === n - 1 ? "best" : `${i + 1}`,
    description: i === 0 ? "unusable" : i === n - 1 ? "nothing to improve" : "",
  }));
}

/**
 * `weft feedback <run-folder>`: a person reviews a run's outputs on stdin. Each row of `outputs/` is shown
 * (with its input as context) through `@weft/optimization`'s `HumanFeedbackLoss` and `consolePrompt`: with
 * `--scale N` a score from 1 to N is asked first, then improvements one per line, an empty line to finish.
 * Each answer is appended at once to `--out` (default `<run-folder>/feedback.jsonl`) as
 * `{ row_id, item_id, score, raw_score, improvements }` (`score` normalized to [0, 1], null without a scale),
 * so nothing answered is lost when the input ends or Ctrl-C stops it. Defaults: no scale, every row.
 */
export async function feedbackCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(
    "feedback",
    argv,
    {
      criteria: { type: "string" },
      scale: { type: "string" },
      limit: { type: "string" },
      out: { type: "string" },
    },
    1,
  );
  const folder = resolve(io.cwd, requirePositional("feedback", parsed, 0, "<run-folder>"));
  const scale = numberFlag("feedback", parsed, "scale", { integer: true, min: 2 });
  const limit =
    numberFlag("feedback", parsed, "limit", { integer: true, min: 1 }) ?? Number.POSITIVE_INFINITY;
  if ((await readRunMetadata(join(folder, RUN_FOLDER_PATHS.metadata))) === undefined) {
    throw new CliError("file_not_found", `not a run folder (no metadata.json): ${folder}`);
  }
  if (!io.stdin)
    throw new CliError("usage", "weft feedback: the answers are read from stdin, and there is none");
  const out = resolve(io.cwd, stringFlag(parsed, "out") ?? join(folder, "feedback.jsonl"));
  await mkdir(dirname(out), { recursive: true });
  const { prompt, exhausted } = stdinPrompt(io.stdin, io.stdout);
  const criteria = stringFlag(parsed, "criteria");
  const loss = new HumanFeedbackLoss({
    prompt,
    ...(criteria === undefined ? {} : { criteria }),
    ...(scale === undefined ? {} : { rubric: scaleRubric(scale) }),
  });
  const stopped = new Promise<void>((stop) => {
    void exhausted.then(stop);
    io.signal?.addEventListener("abort", () => stop(), { once: true });
  });
  let reviewed = 0;
  let cut = false;
  for await (const row of readFolderRows<OutputRow>(folder, RUN_FOLDER_PATHS.outputs)) {
    if (reviewed >= limit) break;
    io.stdout.write(`\n== row ${row.row_id} (item ${row.item_id})\n`);
    const feedback = await Promise.race([loss.evaluate(row.output, { context: row.input }), stopped]);
    if (feedback === undefined) {
      cut = true;
      break;
    }
    const raw = feedback.meta[MetaKey.rawScore];
    const line = {
      row_id: row.row_id,
      item_id: row.item_id,
      score: feedback.score ?? null,
      raw_score: typeof raw === "number" ? raw : null,
      improvements: feedback.actions,
    };
    await appendFile(out, `${JSON.stringify(line)}\n`);
    reviewed++;
  }
  const why = cut ? (io.signal?.aborted ? " (interrupted)" : " (the input ended)") : "";
  io.stderr.write(`${reviewed} row${reviewed === 1 ? "" : "s"} reviewed${why}; feedback in ${out}\n`);
  return io.signal?.aborted ? 130 : 0;
}
