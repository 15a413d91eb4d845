import type { ResourceConfig } from "@weft/resources";
import { ResourceError } from "@weft/resources";
import type { NodeGraph } from "@weft/tracing";

/**
 * Every alias the graph's LLM nodes call, with the first node calling it; map bodies are searched too (a
 * branch's nodes are nodes of the graph already).
 */
export function pipelineAliases(graph: NodeGraph): ReadonlyMap<string, string> {
  const aliases = new Map<string, string>();
  const walk = (scope: NodeGraph) => {
    for (const node of scope.nodes.values()) {
      if (node.kind === "llm") {
        const alias = node.module?.alias;
        if (alias !== undefined && !aliases.has(alias)) aliases.set(alias, node.id);
      } else if (node.kind === "map") walk(node.template);
    }
  };
  walk(graph);
  return aliases;
}

/**
 * Checks, before anything runs, that the resource config defines every alias the pipeline calls. Throws a
 * `ResourceError` `unknown_alias` naming the alias, the node calling it and the aliases the config has.
 */
export function checkPipelineAliases(graph: NodeGraph, config: ResourceConfig): void {
  const known = Object.keys(config.aliases);
  for (const [alias, node] of pipelineAliases(graph)) {
    if (known.includes(alias)) continue;
    throw new ResourceError(
      "unknown_alias",
      `the pipeline calls alias "${alias}" (node ${node}), which the resource config does not define (defined: ${known.join(", ") || "none"})`,
    );
  }
}
