import {
  type AccessKind,
  accessValue,
  type OpExecutor,
  renderPrompt,
  type Value,
  ValueKind,
} from "@weft/core";
import type { TraceState } from "./trace-state.js";

/** An `F.*` op on traced Values: an op node whose `execute` is the pure op. @internal */
export function recordOp(
  state: TraceState,
  name: string,
  args: readonly unknown[],
  execute: OpExecutor,
  resultKind: ValueKind,
): Value {
  const { structure, refs } = state.encode(args);
  const scope = state.scopes.current;
  const id = scope.nextId(name.startsWith("F.") ? name.slice(2) : name);
  const guard = state.guard(scope, refs);
  return state.store(scope, {
    id,
    kind: "op",
    label: name,
    modulePath: state.path,
    args: structure as unknown[],
    dependencies: refs,
    priority: state.priority,
    guard,
    resultKind,
    op: name,
    execute,
  });
}

/** `get` / `at` / `keys` / `values` / `entries` on a traced Value: an access node. @internal */
export function recordAccess(
  state: TraceState,
  value: Value,
  access: AccessKind,
  key?: string | number,
): Value {
  const { structure, refs } = state.encode([value]);
  const scope = state.scopes.current;
  const id = scope.nextId(access);
  const guard = state.guard(scope, refs);
  return state.store(scope, {
    id,
    kind: "access",
    label: key === undefined ? `.${access}()` : `.${access}(${JSON.stringify(key)})`,
    modulePath: state.path,
    args: structure as unknown[],
    dependencies: refs,
    priority: state.priority,
    guard,
    resultKind: access === "get" || access === "at" ? ValueKind.OTHER : ValueKind.STRUCTURED,
    access,
    key: key ?? null,
    execute: (resolved) => accessValue(resolved as Value, access, key),
  });
}

/** A `prompt` template with traced Values: a render node depending on every interpolated Value. @internal */
export function recordRender(
  state: TraceState,
  strings: readonly string[],
  values: readonly unknown[],
): Value<string> {
  const { structure, refs } = state.encode(values);
  const scope = state.scopes.current;
  const id = scope.nextId("prompt");
  const guard = state.guard(scope, refs);
  const frozen = Object.freeze([...strings]);
  return state.store(scope, {
    id,
    kind: "render",
    label: "prompt",
    modulePath: state.path,
    args: structure as unknown[],
    dependencies: refs,
    priority: state.priority,
    guard,
    resultKind: ValueKind.TEXT,
    strings: frozen,
    execute: (...resolved) => renderPrompt(frozen, resolved),
  }) as Value<string>;
}
