import { TracingError } from "../errors/tracing-error.js";
import { scopePrefixOf, TraceScope } from "./trace-scope.js";

/**
 * The open scopes of a trace, root first, and the rule for which refs may be used where: a `param:` ref,
 * or a node of an open scope that is not inside a route branch closed since. @internal
 */
export class ScopeStack {
  readonly root = new TraceScope("");
  readonly #open: TraceScope[] = [this.root];

  /** The innermost scope (a map template while its body is traced). */
  get current(): TraceScope {
    return this.#open[this.#open.length - 1] as TraceScope;
  }

  /** Runs `fn` with `scope` as the innermost scope. */
  within<T>(scope: TraceScope, fn: () => T): T {
    this.#open.push(scope);
    try {
      return fn();
    } finally {
      this.#open.pop();
    }
  }

  /** Throws TracingError when `ref` escaped a map body or a route branch, or belongs to no node. */
  check(ref: string): void {
    if (ref.startsWith("param:")) return;
    const prefix = scopePrefixOf(ref);
    let owner: TraceScope | undefined;
    for (let i = this.#open.length - 1; i >= 0; i--) {
      const scope = this.#open[i] as TraceScope;
      if (scope.prefix === prefix) {
        owner = scope;
        break;
      }
    }
    if (owner === undefined && prefix !== "") {
      throw new TracingError(
        "escaped_scope",
        `Value "${ref}" was made inside a map body and used outside it: it exists once per element. ` +
          "Return it from the body; map() gathers the body's outputs into a list.",
        { ref },
      );
    }
    const node = owner?.nodes.get(ref);
    if (owner === undefined || node === undefined) {
      throw new TracingError(
        "unknown_ref",
        `Value "${ref}" is not part of this trace (a placeholder kept from another trace?). Pass data in as inputs.`,
        { ref },
      );
    }
    if (node.guard !== null && !owner.guards.includes(node.guard)) {
      throw new TracingError(
        "escaped_scope",
        `Value "${ref}" was made in branch "${node.guard.branch}" of ${node.guard.route} and used outside it: it ` +
          "does not exist when another branch is taken. Return it from the branch; the route's result is the " +
          "output of the branch taken.",
        { ref },
      );
    }
  }
}
