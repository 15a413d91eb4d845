import { describeResourceConfig } from "@weft/resources";
import { numberFlag, parseFlags, requirePositional } from "../args/parse-flags.js";
import type { CliIO } from "../cli-io.js";
import { cliRegistry } from "../pipeline/builtin-registry.js";
import { loadConfigFile } from "../pipeline/load-resources.js";
import { checkEndpoint } from "./check-endpoint.js";

/** Usage line of `weft resources`. */
export const RESOURCES_USAGE = "weft resources <config> [--check] [--timeout-ms N]";

interface DescribedEndpoint {
  readonly model: { readonly provider: string; readonly model: string; readonly baseURL?: string };
  readonly rpm?: number | null;
  readonly tpm?: number | null;
  readonly maxConcurrent?: number | null;
}

function endpointLine(id: string, endpoint: DescribedEndpoint): string {
  const { provider, model, baseURL } = endpoint.model;
  const limits = [
    endpoint.rpm == null ? undefined : `rpm ${endpoint.rpm}`,
    endpoint.tpm == null ? undefined : `tpm ${endpoint.tpm}`,
    endpoint.maxConcurrent == null ? undefined : `max ${endpoint.maxConcurrent} in flight`,
  ].filter(Boolean);
  return `    ${id}  ${provider}:${model}${baseURL ? `  ${baseURL}` : ""}${limits.length > 0 ? `  ${limits.join(", ")}` : ""}`;
}

/**
 * `weft resources <config> [--check]`: lists each alias with its strategy, fallbacks and endpoints (model,
 * base URL, limits; never a key). `--check` sends one tiny request to every endpoint and prints its latency
 * or error kind; the exit code is then 1 when any endpoint failed.
 */
export async function resourcesCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(
    "resources",
    argv,
    { check: { type: "boolean" }, "timeout-ms": { type: "string" } },
    1,
  );
  const path = requirePositional("resources", parsed, 0, "<config>");
  const timeoutMs = numberFlag("resources", parsed, "timeout-ms", { integer: true, min: 1 }) ?? 30_000;
  const { config, registry } = await loadConfigFile(path, io.cwd, io.env);
  const described = describeResourceConfig(config) as {
    endpoints: Record<string, DescribedEndpoint>;
  };
  const lines: string[] = [];
  for (const [alias, spec] of Object.entries(config.aliases)) {
    const fallbacks = spec.fallbacks.length > 0 ? `, falls back to ${spec.fallbacks.join(", ")}` : "";
    lines.push(`${alias} (${spec.strategy}${fallbacks})`);
    for (const id of spec.endpoints) {
      const endpoint = described.endpoints[id];
      if (endpoint) lines.push(endpointLine(id, endpoint));
    }
  }
  io.stdout.write(`${lines.join("\n")}\n`);
  if (parsed.values.check !== true) return 0;

  const ids = Object.keys(config.endpoints);
  const checks = await Promise.all(
    ids.map((id) =>
      checkEndpoint(
        config.endpoints[id] as (typeof config.endpoints)[string],
        cliRegistry(registry),
        io.clock,
        timeoutMs,
      ),
    ),
  );
  const width = Math.max(...ids.map((id) => id.length));
  io.stdout.write("check\n");
  checks.forEach((check, index) => {
    const id = (ids[index] as string).padEnd(width);
    const result = check.ok
      ? `ok     ${Math.round(check.latencyMs)} ms`
      : `error  ${check.kind}${check.status === undefined ? "" : ` (HTTP ${check.status})`}`;
    io.stdout.write(`    ${id}  ${result}\n`);
  });
  return checks.every((check) => check.ok) ? 0 : 1;
}
