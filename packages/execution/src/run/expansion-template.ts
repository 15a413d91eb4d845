import type { ExpansionTemplate, GraphNodeInfo, NodeKind } from "../events/runtime-events.js";

/** The node fields a template entry is made from. */
interface TemplateSource {
  readonly id: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  readonly alias?: string | undefined;
}

/**
 * The element subgraph of a fan-out, described from its first element: `nodes` are that element's nodes, their ids
 * starting with `first` (`map_3[0].`); ids and dependencies under `first` are renamed to `template` (`map_3[*].`),
 * other dependencies (captures) are kept. `outputs` are the gathered ids among `waitFor`.
 */
export function expansionTemplate(
  nodes: readonly TemplateSource[],
  waitFor: readonly string[],
  prefix: { readonly first: string; readonly template: string },
  dependencies: (id: string) => readonly string[],
): ExpansionTemplate {
  const rename = (id: string) =>
    id.startsWith(prefix.first) ? prefix.template + id.slice(prefix.first.length) : id;
  const described = nodes.map(
    (node): GraphNodeInfo => ({
      id: rename(node.id),
      kind: node.kind,
      modulePath: node.modulePath,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      dependencies: dependencies(node.id).map(rename),
    }),
  );
  return {
    prefix: prefix.template,
    nodes: described,
    outputs: waitFor.filter((id) => id.startsWith(prefix.first)).map(rename),
  };
}
