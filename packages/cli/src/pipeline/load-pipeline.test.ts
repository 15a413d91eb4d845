import { fileURLToPath } from "node:url";
import { isModule } from "@weft/core";
import { describe, expect, it } from "vitest";
import { CliError } from "../errors/cli-error.js";
import { loadPipeline } from "./load-pipeline.js";
import { loadPipelineResources } from "./load-resources.js";

const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));

async function failure(path: string): Promise<[string, string]> {
  const error = await loadPipeline(path, fixtures).catch((e: unknown) => e);
  if (!CliError.is(error)) throw error;
  return [error.code, error.message];
}

describe("loadPipeline", () => {
  it("loads a TypeScript pipeline with its module, resources and id field", async () => {
    const pipeline = await loadPipeline("summarize.pipeline.ts", fixtures);
    expect(isModule(pipeline.module)).toBe(true);
    expect(pipeline).toMatchObject({ resources: "summarize.resources.yaml", idField: "id", rows: undefined });
    const resources = await loadPipelineResources(pipeline, undefined, fixtures, {
      WEFT_TEST_KEY: "sk-test",
    });
    expect(Object.keys(resources.config.aliases)).toEqual(["fast"]);
  });

  it("names what is wrong with a pipeline file", async () => {
    expect(await failure("missing.pipeline.ts")).toEqual([
      "file_not_found",
      "pipeline file not found: missing.pipeline.ts",
    ]);
    expect(await failure("no-module.pipeline.ts")).toEqual([
      "no_module_export",
      "no-module.pipeline.ts does not export a weft module: export default new MyPipeline(), or export const module = ...",
    ]);
    expect(await failure("throws.pipeline.ts")).toEqual([
      "pipeline_load_failed",
      "cannot load pipeline throws.pipeline.ts: Error: the pipeline could not start",
    ]);
    const [code, message] = await failure("bad-rows.pipeline.ts");
    expect(code).toBe("invalid_pipeline");
    expect(message).toMatch(/the "rows" export must be a function/);
  });

  it("asks for resources when the pipeline has none and no --config is given", async () => {
    const summarize = await loadPipeline("summarize.pipeline.ts", fixtures);
    const error = await loadPipelineResources(
      { ...summarize, resources: undefined },
      undefined,
      fixtures,
      {},
    ).catch((e: unknown) => e);
    expect(CliError.is(error) && error.message).toMatch(
      /export "resources" from the pipeline file or pass --config <file>/,
    );
  });
});
