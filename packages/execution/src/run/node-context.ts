import type { ExecNode, NodeContext } from "../graph/exec-node.js";
import type { ExecutionState } from "../state/execution-state.js";

/** What a node's `execute` receives; a class so that creating one per attempt allocates no closures. */
export class GraphNodeContext<R> implements NodeContext<R> {
  constructor(
    private readonly state: ExecutionState<R>,
    readonly node: ExecNode<R>,
    readonly attempt: number,
    readonly rank: number,
    readonly signal: AbortSignal | undefined,
  ) {}

  resultOf(id: string): R {
    const result = this.state.completedResult(id);
    if (result === undefined) {
      throw new Error(`node "${this.node.id}" read the result of "${id}", which is ${this.state.status(id)}`);
    }
    return result;
  }
}
