import { ResourceConfigError, ResourceError } from "@weft/resources";
import { RunnerError } from "@weft/runner";
import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import { reportError } from "./report-error.js";

describe("reportError", () => {
  it("gives user errors one line and exit code 2", () => {
    expect(reportError(new CliError("no_module_export", "p.ts does not export a weft module"))).toEqual({
      exitCode: 2,
      line: "p.ts does not export a weft module",
    });
    expect(reportError(new RunnerError("run_folder_not_empty", "x", { path: "/tmp/out" }))).toEqual({
      exitCode: 2,
      line: "output folder /tmp/out is not empty: pass --resume to go on with the run in it, or choose an empty folder",
    });
    expect(reportError(new RunnerError("resume_mismatch", "cannot resume /o: graphs differ")).exitCode).toBe(
      2,
    );
    expect(reportError(new ResourceError("unknown_alias", 'no alias "judge"'))).toEqual({
      exitCode: 2,
      line: 'no alias "judge"',
    });
  });

  it("lists every bad config field with its path and line on one line", () => {
    const error = new ResourceConfigError(
      [
        { path: "aliases.fast.rpm", message: "Too small", line: 4, column: 10 },
        { path: "aliases.b.weight", message: "Required" },
      ],
      { file: "resources.yaml" },
    );
    expect(reportError(error)).toEqual({
      exitCode: 2,
      line: "invalid resource config resources.yaml: aliases.fast.rpm (line 4:10): Too small; aliases.b.weight: Required",
    });
  });

  it("reports anything else as an internal error with exit code 1, on one line", () => {
    expect(reportError(new TypeError("boom\nat line 2"))).toEqual({
      exitCode: 1,
      line: "internal error: TypeError: boom; at line 2",
    });
    expect(reportError(new ResourceError("unpriced_call", "no price")).exitCode).toBe(1);
  });
});
