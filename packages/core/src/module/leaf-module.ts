import { directCall, LEAF_BRAND } from "./brands.js";
import { Module } from "./module.js";
import type { CallArgs, LeafOutput } from "./module-types.js";
import { runLeaf } from "./run-leaf.js";

declare const leafMarker: unique symbol;

/**
 * A leaf module: its `forward()` is plain TypeScript on plain data (Values already unwrapped), may be
 * async, and runs at execution time as one node of the graph. It is never traced inside.
 *
 * Declare `inputSchema` / `outputSchema` (zod) to type and check the input and output; without them the
 * types come from `forward()`'s signature.
 *
 * @example
 * ```ts
 * class WordCount extends LeafModule {
 *   async forward(input: { text: string }): Promise<{ n: number }> {
 *     return { n: input.text.split(/\s+/).filter(Boolean).length };
 *   }
 * }
 * // in a composite forward(): const count = this.counter.call({ text }); // Value<{ n: number }>
 * ```
 */
export abstract class LeafModule extends Module {
  declare readonly [leafMarker]: true;

  /** The computation, on plain data; may return a Promise. */
  abstract override forward(...args: never[]): unknown;

  /**
   * Runs `forward()` now on plain data, ignoring any trace or binding, with schema checks and
   * error short-circuit (see `runLeaf`). Typed by the module's input and output.
   */
  invoke<M extends LeafModule>(this: M, ...args: CallArgs<M>): Promise<LeafOutput<M>> {
    return runLeaf(this, args) as Promise<LeafOutput<M>>;
  }

  /** Direct mode of a leaf: {@link runLeaf}. */
  override [directCall](args: readonly unknown[]): unknown {
    return runLeaf(this, args);
  }
}

Object.defineProperty(LeafModule.prototype, LEAF_BRAND, { value: true });
