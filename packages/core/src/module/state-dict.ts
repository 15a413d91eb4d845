import { UnknownParameterError } from "../errors/unknown-parameter-error.js";
import { setParameterValue } from "../parameter/parameter.js";
import { namedParametersOf } from "./introspection.js";
import type { Module } from "./module.js";

/** `{ dottedName: value }` in `namedParameters()` order. @internal */
export function stateDictOf(module: Module): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, parameter] of namedParametersOf(module, "", true)) out[name] = parameter.value;
  return out;
}

/** Checks every key first, then assigns (plait-spec 5.2 `load_state_dict`). @internal */
export function loadStateDictInto(module: Module, state: Readonly<Record<string, unknown>>): void {
  const named = new Map(namedParametersOf(module, "", true));
  for (const key of Object.keys(state)) {
    if (!named.has(key)) throw new UnknownParameterError(key, [...named.keys()]);
  }
  for (const [key, value] of Object.entries(state)) {
    const parameter = named.get(key);
    if (parameter) setParameterValue(parameter, value);
  }
}
