import type { GraphNode, Guard } from "../graph/node-types.js";

/**
 * Where nodes are being recorded: the root graph, or the template of a `map` body (prefix `map_3[*].`).
 * Each scope numbers its own nodes and has its own stack of route branches. @internal
 */
export class TraceScope {
  readonly prefix: string;
  readonly nodes = new Map<string, GraphNode>();
  readonly inputIds: string[] = [];
  /** Route branches being traced in this scope, innermost last. */
  readonly guards: Guard[] = [];
  readonly sideOutputs = new Map<string, unknown>();
  #counter = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** `<prefix><base>_<n>` with this scope's counter (shared by every kind of node). */
  nextId(base: string): string {
    this.#counter += 1;
    return `${this.prefix}${base}_${this.#counter}`;
  }

  /** The innermost branch being traced in this scope, or `null`. */
  get guard(): Guard | null {
    return this.guards[this.guards.length - 1] ?? null;
  }
}

/** The prefix of the scope a ref belongs to: `""` for the root, `map_3[*].` for a template node. @internal */
export function scopePrefixOf(ref: string): string {
  const at = ref.lastIndexOf("[*].");
  return at < 0 ? "" : ref.slice(0, at + 4);
}
