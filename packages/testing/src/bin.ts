#!/usr/bin/env node
import { MOCK_SERVER_USAGE, MockServerArgsError, parseMockServerArgs } from "./server/cli-args.js";
import { startMockServer } from "./server/mock-server.js";

async function main(): Promise<void> {
  const options = parseMockServerArgs(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(`${MOCK_SERVER_USAGE}\n`);
    return;
  }
  const server = await startMockServer(options);
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `weft-mock-server: ${MockServerArgsError.is(error) ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
