import { ContainerError } from "../errors/container-error.js";
import { isParameter, type Parameter } from "./parameter.js";

/** Brand of ParameterList and ParameterDict. @internal */
export const PARAMETER_CONTAINER_BRAND = Symbol.for("weft.parameter-container");

/** What a module needs from a parameter container. @internal */
export interface ParameterContainer {
  namedParameters(prefix?: string): [string, Parameter][];
}

/** Whether `x` is a ParameterList or a ParameterDict. */
export function isParameterContainer(x: unknown): x is ParameterContainer {
  return typeof x === "object" && x !== null && PARAMETER_CONTAINER_BRAND in x;
}

/** Throws ContainerError(`invalid_item`) unless `x` is a Parameter. @internal */
export function checkParameter(container: string, x: unknown): Parameter {
  if (!isParameter(x)) {
    const got = x === null ? "null" : typeof x === "object" ? (x.constructor?.name ?? "object") : typeof x;
    throw new ContainerError("invalid_item", `${container} holds Parameters only, got ${got}`);
  }
  return x;
}

/** `prefix.name`, or `name` when the prefix is empty. @internal */
export function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}
