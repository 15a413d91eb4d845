import { isModule, type Module } from "@weft/core";
import type { ModuleNode } from "../graph/node-types.js";
import { canonical } from "./canonical.js";

/**
 * A module may define a method under this symbol returning its configuration for graph hashes and
 * graph.json, instead of the default (its own enumerable fields). Use it when a field holds a runtime
 * handle (a client, a cache) that is not configuration.
 *
 * @example
 * ```ts
 * class Lookup extends LeafModule {
 *   constructor(readonly table: string, readonly db: Database) { super(); }
 *   [GRAPH_CONFIG]() { return { table: this.table }; }
 *   async forward(key: string) { return this.db.get(this.table, key); }
 * }
 * ```
 */
export const GRAPH_CONFIG: unique symbol = Symbol.for("weft.tracing.graph-config");

/**
 * The configuration of a module as it enters the structural hash and graph.json: the result of its
 * {@link GRAPH_CONFIG} method when it has one, otherwise its own enumerable fields except child modules
 * and functions (Parameters count by value, zod schemas by JSON Schema). For an LLMInference that is the
 * alias, system prompt, sampling options, few-shot messages, output schema, tools and provider options.
 */
export function moduleConfig(module: Module): Readonly<Record<string, unknown>> {
  const custom = (module as { [GRAPH_CONFIG]?: unknown })[GRAPH_CONFIG];
  if (typeof custom === "function") return { [GRAPH_CONFIG.description as string]: custom.call(module) };
  const config: Record<string, unknown> = {};
  for (const key of Object.keys(module)) {
    const value = (module as unknown as Record<string, unknown>)[key];
    if (typeof value === "function" || isModule(value)) continue;
    config[key] = value;
  }
  return config;
}

/** The canonical JSON data of a module node's configuration (stored in graph.json). @internal */
export function nodeConfigData(node: ModuleNode): unknown {
  if (node.config !== undefined) return node.config;
  return node.module ? JSON.parse(canonical(moduleConfig(node.module), (ref) => ref)) : {};
}
