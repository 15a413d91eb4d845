/**
 * A node id as a directory name (Chainette's rule): runs of characters other than letters and digits become
 * `_`, the ends are stripped, the result lowercased; an id with no letter or digit becomes `node`.
 */
export function snakeCase(id: string): string {
  const name = id
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return name === "" ? "node" : name;
}

/**
 * Directory names under `nodes/` for node ids, unique: when two ids give the same name the later ones get
 * `_2`, `_3`, ... in the order given. The mapping is written to `metadata.json` (`nodes`).
 */
export function nodeDirNames(nodeIds: Iterable<string>): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const id of nodeIds) {
    if (names.has(id)) continue;
    const base = snakeCase(id);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}
