import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Tests import workspace packages from source so no build is needed before `vitest`.
// `pnpm test` still builds and type-checks the published shape separately.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@weft\/([a-z0-9-]+)$/,
        replacement: `${root}packages/$1/src/index.ts`,
      },
      {
        find: /^@weft\/([a-z0-9-]+)\/([a-z0-9-]+)$/,
        replacement: `${root}packages/$1/src/$2/index.ts`,
      },
    ],
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
