import type { ExecNode, NodeContext, NodeOutcome } from "../graph/exec-node.js";

/** A promise with its resolve and reject, for tests that decide when a node finishes. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Options of a test node. */
export interface TestNodeOptions {
  /** Default: "llm" (a node that takes a slot; "leaf" nodes start without one). */
  readonly kind?: string;
  readonly inline?: boolean;
  readonly priority?: number;
  readonly alias?: string;
  readonly cost?: number;
  readonly joinsBranches?: boolean;
  /** The node's work; default: the sum of its dependencies' results plus 1. */
  readonly run?: (context: NodeContext<number>) => NodeOutcome<number> | Promise<NodeOutcome<number>>;
}

/** A numeric test node: by default it computes 1 + the sum of its dependencies' results. */
export function testNode(
  id: string,
  dependencies: readonly string[] = [],
  options: TestNodeOptions = {},
): ExecNode<number> {
  return {
    id,
    dependencies,
    kind: options.kind ?? "llm",
    modulePath: "",
    ...(options.inline === undefined ? {} : { inline: options.inline }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    ...(options.alias === undefined ? {} : { alias: options.alias }),
    ...(options.cost === undefined ? {} : { cost: options.cost }),
    ...(options.joinsBranches === undefined ? {} : { joinsBranches: options.joinsBranches }),
    execute:
      options.run ??
      ((context) => ({
        value: 1 + dependencies.reduce((sum, dep) => sum + (context.resultOf(dep) ?? 0), 0),
      })),
  };
}

/** Lets pending promise callbacks run (no timers involved). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
