#!/usr/bin/env node
// Scaffolds packages/<name> with the workspace's conventions: `node scripts/new-package.mjs tracing "description"`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [name, description = ""] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error("usage: node scripts/new-package.mjs <kebab-name> [description]");
  process.exit(2);
}
const dir = join("packages", name);
if (existsSync(dir)) {
  console.error(`${dir} exists already`);
  process.exit(2);
}
mkdirSync(join(dir, "src"), { recursive: true });
const pkg = {
  name: `@weft/${name}`,
  version: "0.0.0",
  description,
  license: "MIT",
  type: "module",
  sideEffects: false,
  engines: { node: ">=20" },
  repository: { type: "git", url: "git+https://example.invalid/weft.git", directory: dir },
  exports: {
    ".": { types: "./dist/index.d.ts", import: "./dist/index.js", default: "./dist/index.js" },
    "./package.json": "./package.json",
  },
  main: "./dist/index.js",
  types: "./dist/index.d.ts",
  files: ["dist", "README.md", "CHANGELOG.md"],
  scripts: { build: "tsup", typecheck: "tsc -p tsconfig.json" },
  publishConfig: { access: "public" },
  dependencies: {},
};
writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(dir, "tsconfig.json"),
  `${JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src", "tsup.config.ts"] }, null, 2)}\n`,
);
writeFileSync(
  join(dir, "tsup.config.ts"),
  'import { weftTsup } from "../../scripts/tsup-config.js";\n\nexport default weftTsup();\n',
);
writeFileSync(join(dir, "README.md"), `# @weft/${name}\n\n${description}\n`);
writeFileSync(join(dir, "src", "index.ts"), "export {};\n");
console.log(`created ${dir}`);
