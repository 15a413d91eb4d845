import type { Parameter } from "../parameter/parameter.js";
import type { Value } from "./value.js";

type Scalar = string | number | boolean | bigint | symbol | null | undefined;

/**
 * What a module call accepts where the module expects data of type `T`: the data itself, a Value of it
 * (a placeholder while tracing), a Parameter of it, or an array / object whose members are any of these.
 */
export type ValueInput<T> =
  | Value<T>
  | Parameter<T>
  | (T extends Scalar | Error | Uint8Array | ArrayBuffer | Date | ((...args: never[]) => unknown)
      ? T
      : T extends readonly unknown[]
        ? { [K in keyof T]: ValueInput<T[K]> }
        : T extends object
          ? { [K in keyof T]: ValueInput<T[K]> }
          : T);
