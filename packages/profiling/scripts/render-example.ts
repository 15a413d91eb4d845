// Renders the example run (a real run of the word pipeline on the mock server) into docs/: its trace and HTML
// timeline (run: pnpm exec tsx scripts/render-example.ts).
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { formatSummary, serializeTrace, writeHtmlTimeline } from "../src/index.js";
import { runExample } from "../src/test-support/example-run.js";

const docs = fileURLToPath(new URL("../docs/", import.meta.url));
const profiler = await runExample();
const trace = profiler.toJSON();
await writeFile(`${docs}example.trace.json`, serializeTrace(trace));
await writeHtmlTimeline(trace, `${docs}example-timeline.html`, { title: "weft timeline: example run" });
process.stdout.write(formatSummary(profiler.analyze()));
