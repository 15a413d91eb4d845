// Test support: run as a separate process (`node --import tsx write-cache-entry.ts <baseURL> <directory>`). It
// makes one call through a fresh manager with an on-disk cache, prints the answer as JSON on one line, and exits.
import { ResourceManager } from "../manager/resource-manager.js";
import { CACHED_REQUEST, cacheRestartConfig, registry } from "./cache-restart-config.js";

const [baseURL, directory] = process.argv.slice(2);
if (baseURL === undefined || directory === undefined) {
  process.stderr.write("usage: write-cache-entry.ts <baseURL> <directory>\n");
  process.exit(2);
}
const manager = new ResourceManager(cacheRestartConfig(baseURL, directory), { registry });
const result = await manager.generate("a", CACHED_REQUEST, { stream: false });
process.stdout.write(
  `${JSON.stringify({ text: result.response.text, cached: result.cached, pid: process.pid })}\n`,
);
