// Bundles the app (weft's sources, zod and the OpenAI SDK included) into dist/, so it runs on plain Node:
// under tsx the TypeScript loader's own thread and transformed sources add about 90 MB of RSS (see README).
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts", "src/mock-server-child.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS dependencies call require() for Node's built-in modules.
  banner: {
    js: 'import { createRequire as weftCreateRequire } from "node:module"; const require = weftCreateRequire(import.meta.url);',
  },
});
