import { MetaKey, type SchemaIssue, type Value } from "@weft/core";

/** The issues of a rejected reply, from the ERROR Value `LLMInference.parseOutput` returned. */
export function issuesOf(rejected: Value): SchemaIssue[] {
  const issues = rejected.meta.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    return issues.map((issue: { path?: unknown; message?: unknown }) => ({
      path: Array.isArray(issue.path) ? issue.path.map(String) : [],
      message: String(issue.message ?? "invalid"),
    }));
  }
  const error = rejected.error;
  return [{ path: [], message: error instanceof Error ? error.message : String(error) }];
}

/** The raw reply text a rejected parse kept in its meta. */
export function rawTextOf(rejected: Value, fallback: string): string {
  const raw = rejected.meta.rawText;
  return typeof raw === "string" ? raw : fallback;
}

/**
 * The user turn that asks again after a reply failed validation: it quotes every issue with its path, so the
 * model can fix exactly what was wrong.
 */
export function reaskMessage(issues: readonly SchemaIssue[]): string {
  const lines = issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `- ${path === "" ? "(root)" : path}: ${issue.message}`;
  });
  return [
    "Your previous reply did not match the required JSON schema:",
    ...lines,
    "Reply again with only the corrected JSON, matching the schema exactly.",
  ].join("\n");
}

/** Whether an ERROR Value from `parseOutput` is a rejected reply (as opposed to another error). */
export function isRejectedReply(value: Value): boolean {
  return value.isError() && value.meta[MetaKey.op] === "LLMInference.parseOutput";
}
