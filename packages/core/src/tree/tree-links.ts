/** Where a module, parameter or parameter container hangs in a module tree. @internal */
export interface TreeLink {
  /** The attribute (or container key) it was last assigned to; `null` before any assignment. */
  readonly name: string | null;
  /** The module or container it was last assigned into; `null` for a root. */
  readonly parent: object | null;
}

const ROOT: TreeLink = Object.freeze({ name: null, parent: null });
const links = new WeakMap<object, TreeLink>();

/** Records that `node` now lives under `parent` as `name` (the last assignment wins). @internal */
export function setLink(node: object, name: string, parent: object): void {
  links.set(node, Object.freeze({ name, parent }));
}

/** The link of `node` (a root link when it was never assigned). @internal */
export function getLink(node: object): TreeLink {
  return links.get(node) ?? ROOT;
}

/**
 * The dotted name of `node` from its root: the non-empty names of its ancestors and its own, joined with
 * dots (plait-spec 4.2). `null` when the node itself has no name.
 */
export function hierarchicalNameOf(node: object): string | null {
  const own = getLink(node);
  if (own.name === null) return null;
  const names = [own.name];
  const seen = new Set<object>([node]);
  for (let parent = own.parent; parent !== null && !seen.has(parent); parent = getLink(parent).parent) {
    seen.add(parent);
    const name = getLink(parent).name;
    if (name) names.unshift(name);
  }
  return names.join(".");
}
