import { isValueRef } from "@weft/core";
import type { NodeGraph } from "../graph/node-graph.js";
import { type GraphNode, isModuleNode, type MapNode, type ModuleNode } from "../graph/node-types.js";
import { isPlainRecord } from "../graph/structure.js";
import { assignable, type JsonSchema, type Located } from "./assignable.js";
import { jsonSchemaOf } from "./json-schema-of.js";

/** An edge where the producer's declared output may not fit the consumer's declared input. */
export interface SchemaMismatch {
  /** The node whose module declares the input schema. */
  readonly consumer: string;
  /** The node whose output flows in (an LLM or leaf node; through `get` / `at` accesses). */
  readonly producer: string;
  /** Field path in the consumer's input (`""`: the whole input; `items[]`: array elements). */
  readonly path: string;
  /** Field path in the producer's output the data comes from (`""`: the whole output). */
  readonly producerPath: string;
  /** What the consumer's schema asks for at `path`. */
  readonly expected: string;
  /** What the producer gives: a type, `"missing"` or `"optional"`. */
  readonly actual: string;
  readonly message: string;
}

interface Found extends Located {
  readonly producer: string;
  readonly path: string;
}

const TEXT: JsonSchema = { type: "string" };

function schemaOf(node: ModuleNode, io: "input" | "output"): JsonSchema | undefined {
  const zod = io === "input" ? node.inputSchema : node.outputSchema;
  const json = zod ? jsonSchemaOf(zod, io) : node.jsonSchemas?.[io];
  return (json ?? undefined) as JsonSchema | undefined;
}

/** The graphs being checked, innermost first: a template knows its element's schema through its map. */
interface Scope {
  readonly graph: NodeGraph;
  readonly parent: Scope | undefined;
  readonly map: MapNode | undefined;
}

function lookup(scope: Scope | undefined, ref: string): { node: GraphNode; scope: Scope } | undefined {
  for (let at = scope; at; at = at.parent) {
    const node = at.graph.nodes.get(ref);
    if (node) return { node, scope: at };
  }
  return undefined;
}

function field(found: Found | undefined, key: string | number | null, kind: "get" | "at"): Found | undefined {
  if (!found) return undefined;
  const schema = found.schema;
  const sub = kind === "get" ? schema.properties?.[String(key)] : schema.items;
  if (!sub) return undefined;
  const path = kind === "get" ? (found.path ? `${found.path}.${key}` : String(key)) : `${found.path}[${key}]`;
  return { schema: sub, root: found.root, producer: found.producer, path };
}

/** What is known about the Value `ref` names: the declared schema of the node that makes it. */
function produced(scope: Scope, ref: string, depth = 0): Found | undefined {
  const hit = lookup(scope, ref);
  if (!hit || depth > 64) return undefined;
  const { node } = hit;
  if (isModuleNode(node)) {
    const schema = schemaOf(node, "output") ?? (node.kind === "llm" ? TEXT : undefined);
    return schema && { schema, root: schema, producer: node.id, path: "" };
  }
  if (node.kind === "render") return { schema: TEXT, root: TEXT, producer: node.id, path: "" };
  const source = node.args[0];
  if (node.kind === "access" && isValueRef(source) && (node.access === "get" || node.access === "at")) {
    return field(produced(hit.scope, source.ref, depth + 1), node.key, node.access);
  }
  if (node.kind === "input" && hit.scope.map && ref === hit.scope.map.template.elementRef) {
    const list = hit.scope.map.args[0];
    const parent = hit.scope.parent;
    return isValueRef(list) && parent ? field(produced(parent, list.ref, depth + 1), "*", "at") : undefined;
  }
  return undefined;
}

function message(m: Omit<SchemaMismatch, "message">): string {
  const where = m.path ? `field "${m.path}"` : "input";
  const from = m.producerPath ? `${m.producer} (field "${m.producerPath}")` : m.producer;
  const gives =
    m.actual === "missing"
      ? "does not have it"
      : m.actual === "optional"
        ? "may leave it out"
        : `gives ${m.actual}`;
  return `${m.consumer} ${where} expects ${m.expected}, but ${from} ${gives}`;
}

function match(
  scope: Scope,
  consumer: string,
  structure: unknown,
  expected: Located,
  path: string,
  out: SchemaMismatch[],
) {
  if (isValueRef(structure)) {
    const found = produced(scope, structure.ref);
    if (!found) return;
    for (const issue of assignable(found, expected, path)) {
      const relative = issue.path.slice(path.length).replace(/^\./, "");
      const producerPath = [found.path, relative].filter(Boolean).join(".");
      const mismatch = {
        consumer,
        producer: found.producer,
        path: issue.path,
        producerPath,
        expected: issue.expected,
        actual: issue.actual,
      };
      out.push({ ...mismatch, message: message(mismatch) });
    }
    return;
  }
  const schema = expected.schema;
  if (isPlainRecord(structure) && schema.properties) {
    for (const [key, item] of Object.entries(structure)) {
      const sub = schema.properties[key];
      if (sub)
        match(
          scope,
          consumer,
          item,
          { schema: sub, root: expected.root },
          path ? `${path}.${key}` : key,
          out,
        );
    }
  } else if (Array.isArray(structure) && schema.items) {
    for (const item of structure)
      match(scope, consumer, item, { schema: schema.items, root: expected.root }, `${path}[]`, out);
  }
}

function walk(scope: Scope, out: SchemaMismatch[]): void {
  for (const node of scope.graph.nodes.values()) {
    if (isModuleNode(node)) {
      const input = schemaOf(node, "input");
      if (input) match(scope, node.id, node.args[0], { schema: input, root: input }, "", out);
    } else if (node.kind === "map") {
      walk({ graph: node.template, parent: scope, map: node }, out);
    }
  }
}

/**
 * Static schema check (Chainette's `inspect`): for every LLM or leaf node that declares an `inputSchema`,
 * follows each Value in its first argument back to the node that produces it (through `get` / `at`
 * accesses and map elements) and, when that node declares an output schema (an LLMInference without one
 * produces text, and so does `prompt`), reports every field where the output may not fit the input: a
 * different type, a missing field, an optional field the input requires. Map bodies are checked too.
 * An empty list means no mismatch was found where both ends declare schemas.
 *
 * @example
 * ```ts
 * for (const m of checkSchemas(trace(pipeline, "x"))) console.error(m.message);
 * // Counter_2 field "text" expects string, but LLMInference_1 does not have it
 * ```
 */
export function checkSchemas(graph: NodeGraph): SchemaMismatch[] {
  const out: SchemaMismatch[] = [];
  walk({ graph, parent: undefined, map: undefined }, out);
  return out;
}
