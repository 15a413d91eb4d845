import { type GraphParts, NodeGraph } from "./node-graph.js";
import type { GraphNode, InputNode } from "./node-types.js";
import { renameNode } from "./rename-node.js";
import { renameRefs as renameStructure, structureRefs } from "./structure.js";

/** What a {@link GraphTemplate} is made of. */
export interface TemplateParts extends GraphParts {
  /** Prefix of every node id in the template, ending in `[*].`: `map_3[*].`. */
  readonly prefix: string;
}

/** One element's copy of a template, from {@link GraphTemplate.instantiate}. */
export interface TemplateInstance {
  readonly index: number;
  /** `map_3[7].`: the prefix of this element's node ids. */
  readonly prefix: string;
  /** Give the element's Value this ref (it is an input node of the instance). */
  readonly elementRef: string;
  /** Give `Value(INT, index)` this ref. */
  readonly indexRef: string;
  /** Live nodes of the element, dependencies first, ids and refs renamed (`map_3[7].LLMInference_2`). */
  readonly nodes: readonly GraphNode[];
  /** The element's output structure (gather it with `gatherResult`). */
  readonly output: unknown;
  readonly outputIds: readonly string[];
  /** The element's side outputs. */
  readonly sideOutputs: ReadonlyMap<string, unknown>;
}

/**
 * The body of a `map`, traced once on an element placeholder. Its node ids start with {@link prefix}
 * (`map_3[*].`); its inputs are `element` and `index`; a ref outside the prefix is a capture (a node of
 * an enclosing graph, or a `param:` ref), which the map node also depends on, so every capture is resolved
 * before the map runs. Maps nest: a map inside the body is a node of the template with its own template.
 */
export class GraphTemplate extends NodeGraph {
  readonly prefix: string;
  readonly elementRef: string;
  readonly indexRef: string;
  /** Refs outside the template used by its nodes or outputs, first-seen order. */
  readonly captures: readonly string[];

  constructor(parts: TemplateParts) {
    const prefix = parts.prefix;
    super(parts, (ref) => !ref.startsWith(prefix));
    this.prefix = prefix;
    this.elementRef = `${prefix}element`;
    this.indexRef = `${prefix}index`;
    const captures: string[] = [];
    const outside = (refs: readonly string[]) => {
      for (const ref of refs) if (!ref.startsWith(prefix) && !captures.includes(ref)) captures.push(ref);
    };
    for (const node of this.nodes.values()) {
      outside(node.dependencies);
      if (node.kind === "map") outside(node.template.captures);
    }
    outside(this.outputIds);
    outside(this.sideOutputIds);
    this.captures = captures;
  }

  /** The id of the map node that owns this template (`map_3`). */
  get mapId(): string {
    return this.prefix.slice(0, -"[*].".length);
  }

  /**
   * This template for element `index`: every id and ref under the prefix renamed from `map_3[*].` to
   * `map_3[<index>].` (nested templates included), captures untouched. Only live nodes are returned.
   */
  instantiate(index: number): TemplateInstance {
    const prefix = `${this.mapId}[${index}].`;
    const rename = (ref: string) =>
      ref.startsWith(this.prefix) ? prefix + ref.slice(this.prefix.length) : ref;
    const sideOutputs = new Map<string, unknown>();
    for (const [name, structure] of this.sideOutputs)
      sideOutputs.set(name, renameStructure(structure, rename));
    const output = renameStructure(this.output, rename);
    return {
      index,
      prefix,
      elementRef: rename(this.elementRef),
      indexRef: rename(this.indexRef),
      nodes: this.order.map((id) => renameNode(this.node(id), rename)),
      output,
      outputIds: structureRefs(output),
      sideOutputs,
    };
  }

  /** A copy with every id and ref passed through `rename` (used to instantiate enclosing templates). */
  renamed(rename: (ref: string) => string): GraphTemplate {
    const nodes = new Map<string, GraphNode>();
    for (const node of this.nodes.values()) {
      const copy = renameNode(node, rename);
      nodes.set(copy.id, copy);
    }
    const sideOutputs = new Map<string, unknown>();
    for (const [name, structure] of this.sideOutputs)
      sideOutputs.set(name, renameStructure(structure, rename));
    return new GraphTemplate({
      prefix: rename(this.prefix),
      nodes,
      inputIds: this.inputIds.map(rename),
      output: renameStructure(this.output, rename),
      sideOutputs,
    });
  }

  /** The `element` input node. */
  get elementNode(): InputNode {
    return this.node(this.elementRef) as InputNode;
  }
}
