// `pnpm demo`: the ArticleReport pipeline over the bundled articles, against a real API when a key is set,
// otherwise against weft's mock server in this process. Optional: `pnpm demo --out <dir>`.
import { runDemo } from "./run-demo.js";

const at = process.argv.indexOf("--out");
const out = at >= 0 ? process.argv[at + 1] : undefined;
const { run } = await runDemo({
  env: process.env,
  ...(out ? { out } : {}),
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
});
process.exitCode = run.status === "completed" ? 0 : 1;
