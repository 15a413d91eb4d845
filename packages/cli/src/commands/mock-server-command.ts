import {
  MockServerArgsError,
  parseMockServerArgs,
  startMockServer,
  MOCK_SERVER_USAGE as TESTING_USAGE,
} from "@weft/testing";
import type { CliIO } from "../cli-io.js";
import { CliError } from "../errors/cli-error.js";

/** Usage of `weft mock-server`: the flags of `@weft/testing`'s mock server (`MOCK_SERVER_USAGE` there). */
export const MOCK_SERVER_USAGE = `${TESTING_USAGE.replace("weft-mock-server", "weft mock-server")}
Ctrl-C stops it.`;

/**
 * `weft mock-server [...]`: runs `@weft/testing`'s mock server in this process, with the flags its own
 * binary takes (`parseMockServerArgs`): prints the URL on the first line of stdout and serves until the CLI is
 * interrupted (`io.signal`), then closes the server and returns 0. A bad flag is CliError `usage` (exit 2).
 */
export async function mockServerCommand(argv: readonly string[], io: CliIO): Promise<number> {
  let options: ReturnType<typeof parseMockServerArgs>;
  try {
    options = parseMockServerArgs(argv);
  } catch (error) {
    if (!MockServerArgsError.is(error)) throw error;
    throw new CliError("usage", `mock-server: ${error.message.split("\n")[0] ?? ""}`, { cause: error });
  }
  if (options === "help") {
    io.stdout.write(`${MOCK_SERVER_USAGE}\n`);
    return 0;
  }
  const server = await startMockServer(options);
  io.stdout.write(`${server.url}\n`);
  const signal = io.signal;
  if (signal && !signal.aborted) {
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  } else if (!signal) {
    // Nothing can stop it but the process ending: serve until then.
    await new Promise<never>(() => undefined);
  }
  await server.close();
  return 0;
}
