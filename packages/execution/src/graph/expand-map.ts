import { errorValue, OpError, toValue, Value, ValueKind } from "@weft/core";
import { gatherResult, type MapNode, type TemplateInstance } from "@weft/tracing";
import type { ExecNode, ExpansionChunk, NodeContext, NodeOutcome } from "./exec-node.js";
import { type NodeEnvironment, resolver, routeSiblings, toExecNode, withRef } from "./graph-nodes.js";

/** Elements instantiated at once; the rest follow in chunks of {@link NEXT_CHUNK}, between event-loop turns. */
const FIRST_CHUNK = 32;
const NEXT_CHUNK = 256;

/**
 * A `map` node's fan-out: its template instantiated once per element of `list` (ids `map_3[7].…`, element
 * and index bound to the instance's input nodes), added to the run, and a gather step that lists each
 * element's output (an ERROR element stays an ERROR element). An ERROR list is the node's result as is; a
 * list that is not an array gives an ERROR Value (`not_list`). Nested maps expand in turn when they run.
 */
export function expandMap(
  node: MapNode,
  list: Value,
  _context: NodeContext<Value>,
  env: NodeEnvironment,
): NodeOutcome<Value> {
  if (list.isError()) return { value: list };
  const items = list.payload;
  if (!Array.isArray(items)) {
    const error = new OpError("not_list", `map() needs a list, got ${list.kind}`);
    return {
      value: withRef(errorValue(error, { op: "map", sourceRefs: list.ref ? [list.ref] : [] }), node.id),
    };
  }
  const instances: TemplateInstance[] = [];
  let next = 0;
  const chunk = (size: number): ExpansionChunk<Value> | undefined => {
    if (next >= items.length) return undefined;
    const nodes: ExecNode<Value>[] = [];
    const waitFor: string[] = [];
    for (const end = Math.min(items.length, next + size); next < end; next++) {
      const index = next;
      const instance = node.template.instantiate(index);
      instances.push(instance);
      const siblings = routeSiblings(instance.nodes);
      for (const child of instance.nodes) {
        const input =
          child.id === instance.elementRef
            ? withRef(toValue(items[index]), child.id)
            : child.id === instance.indexRef
              ? new Value(ValueKind.INT, index, { ref: child.id })
              : undefined;
        nodes.push(toExecNode(child, siblings, env, input));
      }
      // Refs under the instance's prefix are its own nodes; others are captures, already complete.
      for (const ref of instance.outputIds) if (ref.startsWith(instance.prefix)) waitFor.push(ref);
    }
    return { nodes, waitFor };
  };
  const first = chunk(FIRST_CHUNK) ?? { nodes: [], waitFor: [] };
  return {
    expand: {
      ...first,
      count: items.length,
      groupSize: items.length === 0 ? 0 : first.nodes.length / Math.min(items.length, FIRST_CHUNK),
      ...(items.length > FIRST_CHUNK ? { more: () => chunk(NEXT_CHUNK) } : {}),
      ...(instances[0]
        ? { elementPrefix: { first: instances[0].prefix, template: node.template.prefix } }
        : {}),
      gather: (context) => {
        const lookup = resolver(context, env.graph);
        const outputs = instances.map((instance) => gatherResult(instance.output, lookup));
        return { value: new Value(ValueKind.STRUCTURED, outputs, { ref: node.id }) };
      },
    },
  };
}
