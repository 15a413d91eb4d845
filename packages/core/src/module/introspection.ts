import type { ParameterContainer } from "../parameter/container-brand.js";
import { joinName } from "../parameter/container-brand.js";
import type { Parameter } from "../parameter/parameter.js";
import type { Module } from "./module.js";
import { moduleStateOf } from "./module-state.js";

function stateOf(module: Module) {
  const state = moduleStateOf(module);
  if (!state) throw new TypeError("Not a weft Module (was the constructor's return value replaced?)");
  return state;
}

/** Immediate children with their attribute names, in registration order. @internal */
export function namedChildrenOf(module: Module): [string, Module][] {
  return [...stateOf(module).children] as [string, Module][];
}

/** Self first, then every descendant depth-first, each once, with dotted paths. @internal */
export function namedModulesOf(module: Module, prefix: string): [string, Module][] {
  const out: [string, Module][] = [];
  const seen = new Set<Module>();
  const visit = (current: Module, name: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    out.push([name, current]);
    for (const [key, child] of namedChildrenOf(current)) visit(child, joinName(name, key));
  };
  visit(module, prefix);
  return out;
}

/** Own parameters, then the parameters of containers, named under `prefix`. @internal */
export function namedDirectParametersOf(module: Module, prefix: string): [string, Parameter][] {
  const state = stateOf(module);
  const out: [string, Parameter][] = [];
  for (const [key, parameter] of state.parameters) out.push([joinName(prefix, key), parameter as Parameter]);
  for (const [key, container] of state.containers) {
    out.push(...(container as ParameterContainer).namedParameters(joinName(prefix, key)));
  }
  return out;
}

/**
 * Own parameters, container parameters, then each child's recursively (plait-spec 5.2), with dotted names.
 * With `removeDuplicate`, a parameter reached twice keeps its first name only. @internal
 */
export function namedParametersOf(
  module: Module,
  prefix: string,
  removeDuplicate: boolean,
): [string, Parameter][] {
  const out: [string, Parameter][] = [];
  const seenParameters = new Set<Parameter>();
  const ancestors = new Set<Module>();
  const visit = (current: Module, name: string) => {
    if (ancestors.has(current)) return;
    ancestors.add(current);
    for (const entry of namedDirectParametersOf(current, name)) {
      if (removeDuplicate && seenParameters.has(entry[1])) continue;
      seenParameters.add(entry[1]);
      out.push(entry);
    }
    for (const [key, child] of namedChildrenOf(current)) visit(child, joinName(name, key));
    ancestors.delete(current);
  };
  visit(module, prefix);
  return out;
}
