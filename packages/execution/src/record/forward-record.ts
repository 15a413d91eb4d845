import { isModule, type Module, type Parameter, type Value } from "@weft/core";
import type { InferenceGraph } from "@weft/tracing";
import type { GraphExecution } from "../run/graph-execution.js";

/**
 * The tape of one run in record mode (plait-spec 9.2): per node, the resolved inputs (`arg_0`, ...) it ran on
 * and the Value it produced, the module of each module node, that module's own parameters, the completion
 * order and the time each node took. The optimization package walks it backwards.
 */
export interface ForwardRecord {
  readonly graph: InferenceGraph;
  readonly nodeInputs: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly nodeOutputs: ReadonlyMap<string, Value>;
  /** Nodes whose work is a module (`llm`, `leaf`), with it. */
  readonly moduleMap: ReadonlyMap<string, Module>;
  /** A module node's own parameters (`directParameters()`), for nodes that have any. */
  readonly nodeParameters: ReadonlyMap<string, readonly Parameter[]>;
  /** Completed nodes (expanded fan-out nodes included), in completion order. */
  readonly executionOrder: readonly string[];
  /** Seconds from a node's first start to its end. */
  readonly timing: ReadonlyMap<string, number>;
}

/** Builds the tape of a finished graph run (record mode). */
export function buildForwardRecord(graph: InferenceGraph, execution: GraphExecution<Value>): ForwardRecord {
  const nodeInputs = new Map<string, Readonly<Record<string, unknown>>>();
  const nodeOutputs = new Map<string, Value>();
  const moduleMap = new Map<string, Module>();
  const nodeParameters = new Map<string, readonly Parameter[]>();
  const timing = new Map<string, number>();
  for (const id of execution.state.executionOrder) {
    const output = execution.state.result(id);
    if (output) nodeOutputs.set(id, output);
    const report = execution.reports.get(id);
    const inputs = report?.details?.inputs;
    if (inputs) nodeInputs.set(id, inputs);
    if (report) timing.set(id, report.durationMs / 1000);
    const module = moduleOf(execution, id);
    if (module) {
      moduleMap.set(id, module);
      const parameters = module.directParameters();
      if (parameters.length > 0) nodeParameters.set(id, parameters);
    }
  }
  return {
    graph,
    nodeInputs,
    nodeOutputs,
    moduleMap,
    nodeParameters,
    executionOrder: [...execution.state.executionOrder],
    timing,
  };
}

function moduleOf(execution: GraphExecution<Value>, id: string): Module | undefined {
  const module = (execution.node(id)?.source as { module?: unknown } | undefined)?.module;
  return isModule(module) ? module : undefined;
}
