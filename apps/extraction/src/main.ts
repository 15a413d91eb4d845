// `pnpm --filter @weft-app/extraction start`: typed multi-step extraction over the bundled product listings,
// against a real API when a key is set, otherwise against weft's mock server. Optional: `--out <dir>`.
import { runExtraction } from "./run-extraction.js";

const at = process.argv.indexOf("--out");
const out = at >= 0 ? process.argv[at + 1] : undefined;
const run = await runExtraction({ env: process.env, ...(out ? { out } : {}) });
process.exitCode = run.status === "completed" ? 0 : 1;
