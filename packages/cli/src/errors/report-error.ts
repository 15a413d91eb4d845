import { ProfilingError } from "@weft/profiling";
import { ResourceConfigError, ResourceError } from "@weft/resources";
import { RunnerError } from "@weft/runner";
import { CliError } from "./cli-error.js";

/** What the CLI prints for an error, and the exit code. */
export interface ErrorReport {
  /** 2 for a user error, 1 for anything else. */
  readonly exitCode: 1 | 2;
  /** One line, without the `weft: ` prefix or a newline. */
  readonly line: string;
}

const USER_RESOURCE_CODES: ReadonlySet<string> = new Set([
  "unknown_alias",
  "unknown_provider",
  "model_factory_failed",
]);

const USER_PROFILING_CODES: ReadonlySet<string> = new Set(["unreadable_trace", "invalid_trace"]);

/** Collapses a message to one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "; ").trim();
}

function configLine(error: ResourceConfigError): string {
  const where =
    error.file === undefined ? "invalid resource config" : `invalid resource config ${error.file}`;
  const issues = error.issues.map((issue) => {
    const position =
      issue.line === undefined ? "" : ` (line ${issue.line}${issue.column ? `:${issue.column}` : ""})`;
    return `${issue.path || "(root)"}${position}: ${issue.message}`;
  });
  return `${where}: ${issues.join("; ")}`;
}

function runnerLine(error: RunnerError): string {
  if (error.code === "run_folder_not_empty") {
    return `output folder ${error.path ?? ""} is not empty: pass --resume to go on with the run in it, or choose an empty folder`;
  }
  return error.message;
}

/**
 * Classifies an error for the command line: a user error (bad flag, missing file, no module export, a pipeline
 * that cannot be traced, unknown alias or provider, invalid config with each field's path, a folder that is not
 * empty or cannot be resumed, an unreadable trace) gets its
 * message on one line and exit code 2; anything else is an internal error with exit code 1.
 */
export function reportError(error: unknown): ErrorReport {
  if (CliError.is(error)) return { exitCode: 2, line: oneLine(error.message) };
  if (RunnerError.is(error)) return { exitCode: 2, line: oneLine(runnerLine(error)) };
  if (ResourceConfigError.is(error)) return { exitCode: 2, line: oneLine(configLine(error)) };
  if (ResourceError.is(error) && USER_RESOURCE_CODES.has(error.code)) {
    return { exitCode: 2, line: oneLine(error.message) };
  }
  if (ProfilingError.is(error) && USER_PROFILING_CODES.has(error.code)) {
    return { exitCode: 2, line: oneLine(error.message) };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { exitCode: 1, line: oneLine(`internal error: ${message}`) };
}
