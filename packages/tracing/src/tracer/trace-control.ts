import { type OpExecutor, Value, ValueKind } from "@weft/core";
import { GraphTemplate } from "../graph/graph-template.js";
import type { Guard, RouteNode } from "../graph/node-types.js";
import { TraceScope } from "./trace-scope.js";
import type { TraceState } from "./trace-state.js";

/** One branch of a route being traced: its name and the function that traces it. @internal */
export interface BranchTracer {
  readonly name: string;
  readonly run: () => unknown;
}

/** A dynamic `map`: the body traced once into a template on an element placeholder. @internal */
export function traceMap(
  state: TraceState,
  list: Value,
  body: (element: Value, index: Value<number>) => unknown,
): Value {
  const parent = state.scopes.current;
  const { structure, refs } = state.encode([list]);
  const id = parent.nextId("map");
  const scope = new TraceScope(`${id}[*].`);
  const element = state.addInput(scope, `${scope.prefix}element`, "element", undefined, ValueKind.OTHER);
  const index = state.addInput(
    scope,
    `${scope.prefix}index`,
    "index",
    undefined,
    ValueKind.INT,
  ) as Value<number>;
  const output = state.scopes.within(scope, () => state.encode(body(element, index)).structure);
  const template = new GraphTemplate({
    prefix: scope.prefix,
    nodes: scope.nodes,
    inputIds: scope.inputIds,
    output,
    sideOutputs: scope.sideOutputs,
  });
  for (const capture of template.captures) if (!refs.includes(capture)) refs.push(capture);
  const guard = state.guard(parent, refs);
  return state.store(parent, {
    id,
    kind: "map",
    label: "map",
    modulePath: state.path,
    args: structure as unknown[],
    dependencies: refs,
    priority: state.priority,
    guard,
    resultKind: ValueKind.STRUCTURED,
    template,
  });
}

/** A `route` / `when`: a route node, each branch traced under its guard, then a join node. @internal */
export function traceRoute(
  state: TraceState,
  key: unknown,
  selector: RouteNode["selector"],
  branches: readonly BranchTracer[],
  fallback: string | null,
  execute: OpExecutor,
): Value {
  const scope = state.scopes.current;
  const { structure, refs } = state.encode([key]);
  const routeId = scope.nextId(selector === "truthy" ? "when" : "route");
  state.store(scope, {
    id: routeId,
    kind: "route",
    label: selector === "truthy" ? "when" : "route",
    modulePath: state.path,
    args: structure as unknown[],
    dependencies: refs,
    priority: state.priority,
    guard: state.guard(scope, refs),
    resultKind: ValueKind.TEXT,
    selector,
    branches: branches.map((branch) => branch.name),
    fallback,
    execute,
  });
  const branchOutputs: Record<string, unknown> = {};
  const joinRefs = [routeId];
  const kinds = new Set<ValueKind>();
  for (const branch of branches) {
    const guard: Guard = Object.freeze({ route: routeId, branch: branch.name });
    scope.guards.push(guard);
    try {
      const output = branch.run();
      // Encoded while the branch is open: its nodes may be used here, and only here.
      const encoded = state.encode(output);
      branchOutputs[branch.name] = encoded.structure;
      for (const ref of encoded.refs) if (!joinRefs.includes(ref)) joinRefs.push(ref);
      kinds.add(output instanceof Value ? output.kind : ValueKind.STRUCTURED);
    } finally {
      scope.guards.pop();
    }
  }
  const joinId = scope.nextId("join");
  return state.store(scope, {
    id: joinId,
    kind: "join",
    label: "join",
    modulePath: state.path,
    args: [],
    dependencies: joinRefs,
    priority: state.priority,
    guard: state.guard(scope, joinRefs),
    resultKind: kinds.size === 1 ? ([...kinds][0] as ValueKind) : ValueKind.STRUCTURED,
    route: routeId,
    branchOutputs,
  });
}
