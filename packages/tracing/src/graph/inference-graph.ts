import { type Parameter, Value } from "@weft/core";
import { GraphError } from "../errors/graph-error.js";
import type { DotOptions } from "../export/dot.js";
import { toDot } from "../export/dot.js";
import { type MermaidOptions, toMermaid } from "../export/mermaid.js";
import { canonical } from "../hash/canonical.js";
import { hashNodes, sha256, structureHash } from "../hash/graph-hash.js";
import type { GraphJSON } from "../serialize/graph-json.js";
import { graphToJSON } from "../serialize/to-json.js";
import { type GraphParts, NodeGraph } from "./node-graph.js";

/** What an {@link InferenceGraph} is made of. */
export interface InferenceGraphParts extends GraphParts {
  /** Parameters by ref (`param:<hierarchical.name>`): the traced root's, and any passed as arguments. */
  readonly parameters?: ReadonlyMap<string, Parameter>;
  /** `param:` Values whose Parameter is not known (lifted outside the module tree), by ref. */
  readonly parameterValues?: ReadonlyMap<string, Value>;
}

const isParamRef = (ref: string) => ref.startsWith("param:");

/**
 * What `trace()` produces and what the scheduler runs (plait-spec 6.7): nodes, inputs, the output structure
 * (the exact shape `forward()` returned), side outputs and parameters, with a topological order, cached
 * ancestors and descendants, a structural Merkle hash, graph.json serialization and DOT / Mermaid export.
 *
 * Construction validates the graph: every dependency is a node or a `param:` ref, every output ref
 * resolves, and there is no cycle (GraphError `cycle`, naming it). Graphs are immutable.
 *
 * @example
 * ```ts
 * const graph = trace(pipeline, "some text");
 * graph.order;               // live node ids, dependencies first
 * graph.hash;                // same structure and config → same hash, whatever the inputs
 * writeFileSync("graph.json", JSON.stringify(graph));
 * ```
 */
export class InferenceGraph extends NodeGraph {
  /** Parameters by ref; resolve a `param:` dependency with {@link parameterValue}. */
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly #parameterValues: ReadonlyMap<string, Value>;
  #hashes: Map<string, string> | undefined;
  #hash: string | undefined;

  constructor(parts: InferenceGraphParts) {
    super(parts, isParamRef);
    this.parameters = parts.parameters ?? new Map();
    this.#parameterValues = parts.parameterValues ?? new Map();
  }

  /** Every `param:` ref the graph can resolve: its parameters, then parameter Values without a Parameter. */
  get parameterRefs(): readonly string[] {
    const refs = [...this.parameters.keys()];
    for (const ref of this.#parameterValues.keys()) if (!this.parameters.has(ref)) refs.push(ref);
    return refs;
  }

  /**
   * The Value a `param:` dependency resolves to: the parameter lifted now (its current value), with this
   * ref. GraphError(`unknown_dependency`) when the graph does not know the ref.
   */
  parameterValue(ref: string): Value {
    const parameter = this.parameters.get(ref);
    if (parameter) {
      const lifted = parameter.toValue();
      return lifted.ref === ref ? lifted : new Value(lifted.kind, lifted.payload, { ref, meta: lifted.meta });
    }
    const snapshot = this.#parameterValues.get(ref);
    if (snapshot) return snapshot;
    throw new GraphError("unknown_dependency", `The graph has no parameter "${ref}"`, { nodeId: ref });
  }

  /**
   * The structural hash (SHA-256 hex): the Merkle hashes of the nodes that reach the output structure and
   * side outputs, the structure itself, and the node and input counts. Node ids and input values never
   * enter; any configuration does (module config and parameter values, op names, literal arguments, access
   * keys, template text, map bodies, route branches, guards, priorities). Computed on first access, so a
   * parameter updated afterwards is not reflected: trace again.
   */
  get hash(): string {
    if (this.#hash === undefined) this.#hash = structureHash(this, (ref) => this.#refHash(ref));
    return this.#hash;
  }

  /** The Merkle hash of node `id` (GraphError for an unknown id). */
  nodeHash(id: string): string {
    this.node(id);
    return this.#refHash(id);
  }

  /** The graph.json document (versioned; see `graphJsonSchema`). `JSON.stringify(graph)` uses it. */
  toJSON(): GraphJSON {
    return graphToJSON(this);
  }

  /** Graphviz DOT text (plait `visualize_graph`, with map templates as clusters and route guards). */
  toDot(options: DotOptions = {}): string {
    return toDot(this, options);
  }

  /** A Mermaid `flowchart`. */
  toMermaid(options: MermaidOptions = {}): string {
    return toMermaid(this, options);
  }

  #refHash(ref: string): string {
    if (this.#hashes === undefined) {
      this.#hashes = hashNodes(this, (external) => this.#externalHash(external));
    }
    return this.#hashes.get(ref) ?? this.#externalHash(ref);
  }

  #externalHash(ref: string): string {
    let value: unknown = null;
    if (this.parameters.has(ref) || this.#parameterValues.has(ref)) value = this.parameterValue(ref).payload;
    return sha256(canonical({ param: ref, value }, (inner) => inner));
  }
}
