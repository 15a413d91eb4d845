// A small but complete TraceHandler and executor used by core's tests to prove the dispatch contract:
// composite calls are inlined, leaf calls / ops / accesses / renders become nodes, and executing the
// nodes on resolved inputs gives the same results as running directly. Not exported from the package.
import {
  type AccessKind,
  type OpExecutor,
  type TraceHandler,
  withTraceHandler,
} from "../dispatch/trace-handler.js";
import { isLeafModule } from "../module/brands.js";
import type { LeafModule } from "../module/leaf-module.js";
import type { Module } from "../module/module.js";
import { runLeaf } from "../module/run-leaf.js";
import { renderPrompt } from "../prompt/render-prompt.js";
import { isPlainObject } from "../value/plain.js";
import { collectRefs, replaceValuesWithRefs } from "../value/refs.js";
import { toValue } from "../value/to-value.js";
import { Value } from "../value/value.js";
import { accessValue } from "../value/value-access.js";
import { ValueKind } from "../value/value-kind.js";
import { isValueRef } from "../value/value-ref.js";
import { valueify } from "../value/valueify.js";

export interface RecordedNode {
  readonly id: string;
  readonly label: string;
  readonly dependencies: readonly string[];
  readonly args: readonly unknown[];
  readonly run: (resolved: readonly unknown[]) => Promise<Value>;
}

export class RecordingTraceHandler implements TraceHandler {
  readonly nodes: RecordedNode[] = [];
  private counter = 0;

  recordCall(module: Module, args: readonly unknown[]): unknown {
    if (!isLeafModule(module)) {
      return (module.forward as (...values: unknown[]) => unknown)(...args.map((arg) => valueify(arg)));
    }
    return this.add(module.constructor.name, args, ValueKind.RESPONSE, async (resolved) =>
      toValue(await runLeaf(module as LeafModule, resolved)),
    );
  }

  recordOp(name: string, args: readonly unknown[], execute: OpExecutor, resultKind: ValueKind): Value {
    return this.add(name, args, resultKind, async (resolved) => execute(...resolved));
  }

  recordAccess(value: Value, access: AccessKind, key?: string | number): Value {
    return this.add(access, [value], ValueKind.STRUCTURED, async ([resolved]) =>
      accessValue(resolved as Value, access, key),
    );
  }

  recordRender(strings: readonly string[], values: readonly unknown[]): Value<string> {
    return this.add("render", values, ValueKind.TEXT, async (resolved) =>
      renderPrompt(strings, resolved),
    ) as Value<string>;
  }

  /** Runs every node in recording order with `inputs` bound to their refs; returns results by ref. */
  async execute(inputs: Readonly<Record<string, Value>>): Promise<Map<string, Value>> {
    const results = new Map<string, Value>(Object.entries(inputs));
    for (const node of this.nodes) {
      results.set(node.id, await node.run(node.args.map((arg) => resolve(arg, results))));
    }
    return results;
  }

  private add(label: string, args: readonly unknown[], kind: ValueKind, run: RecordedNode["run"]): Value {
    const id = `${label}_${++this.counter}`;
    this.nodes.push({
      id,
      label,
      dependencies: collectRefs(...args),
      args: replaceValuesWithRefs([...args]),
      run,
    });
    return Value.placeholder(kind, id);
  }
}

function resolve(x: unknown, results: ReadonlyMap<string, Value>): unknown {
  if (isValueRef(x)) {
    const found = results.get(x.ref);
    if (!found) throw new Error(`unresolved ref ${x.ref}`);
    return found;
  }
  if (Array.isArray(x)) return x.map((item) => resolve(item, results));
  if (isPlainObject(x))
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, resolve(v, results)]));
  return x;
}

/** Traces `module.forward` with placeholder inputs `input:input_<i>`; returns the handler and the output. */
export function trace(
  module: Module,
  ...kinds: ValueKind[]
): { handler: RecordingTraceHandler; output: unknown } {
  const handler = new RecordingTraceHandler();
  const inputs = kinds.map((kind, index) => Value.placeholder(kind, `input:input_${index}`));
  const output = withTraceHandler(handler, () =>
    (module.forward as (...values: unknown[]) => unknown)(...inputs),
  );
  return { handler, output };
}
