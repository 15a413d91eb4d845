import type { CliIO } from "./cli-io.js";
import { feedbackCommand } from "./commands/feedback-command.js";
import { graphCommand } from "./commands/graph-command.js";
import { inspectCommand } from "./commands/inspect-command.js";
import { mockServerCommand } from "./commands/mock-server-command.js";
import { profileCommand } from "./commands/profile-command.js";
import { resourcesCommand } from "./commands/resources-command.js";
import { runCommand } from "./commands/run-command.js";
import { CliError } from "./errors/cli-error.js";
import { reportError } from "./errors/report-error.js";
import { USAGE } from "./usage.js";
import { cliVersion } from "./version.js";

/** A `weft` subcommand: its arguments after the command name; resolves to the exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  inspect: inspectCommand,
  graph: graphCommand,
  profile: profileCommand,
  resources: resourcesCommand,
  "mock-server": mockServerCommand,
  feedback: feedbackCommand,
};

/**
 * Runs the `weft` command line in-process and resolves to its exit code: 0 on success, 1 for a failure
 * (including `inspect`'s schema mismatch), 2 for a user error, printed as one line `weft: <message>` on stderr.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr,
 *   env: process.env, cwd: process.cwd(), clock: systemClock });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO, commands = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${cliVersion()}\n`);
    return 0;
  }
  try {
    const command = commands[name];
    if (!command) throw new CliError("usage", `unknown command "${name}" (try weft --help)`);
    return await command(rest, io);
  } catch (error) {
    const report = reportError(error);
    io.stderr.write(`weft: ${report.line}\n`);
    if (report.exitCode === 1 && io.env.WEFT_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return report.exitCode;
  }
}
