import type { BoundConfig } from "../dispatch/bound-executor.js";

/** The registries and flags of one module (plait-spec 5.1). @internal */
export interface ModuleState {
  /** Child modules by attribute name, in first-assignment order. */
  readonly children: Map<string, object>;
  /** Directly owned parameters by attribute name. */
  readonly parameters: Map<string, object>;
  /** ParameterList / ParameterDict containers by attribute name. */
  readonly containers: Map<string, object>;
  training: boolean;
  stateVersion: number;
  bound: BoundConfig | undefined;
}

const states = new WeakMap<object, ModuleState>();

/** Creates the state of a new module; {@link attachModuleState} ties it to the module. @internal */
export function createModuleState(): ModuleState {
  return {
    children: new Map(),
    parameters: new Map(),
    containers: new Map(),
    training: false,
    stateVersion: 0,
    bound: undefined,
  };
}

/** Remembers `state` as the state of `module`. @internal */
export function attachModuleState(module: object, state: ModuleState): void {
  states.set(module, state);
}

/** The state of `module`, or `undefined` when `module` is not a Module. @internal */
export function moduleStateOf(module: object): ModuleState | undefined {
  return states.get(module);
}
