import { AsyncLocalStorage } from "node:async_hooks";

const disabled = new AsyncLocalStorage<boolean>();

/**
 * Runs `fn` with gradient recording off (plait `no_grad`): runs started inside it (also across `await`s) keep
 * no tape even in training mode or with `record: true`, their outputs carry no tape ids and `attachTape` is a
 * no-op, so validation and evaluation runs never feed a backward pass. Returns what `fn` returns.
 *
 * @example
 * ```ts
 * const score = await noGrad(() => evaluate(model, validationSet));
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return disabled.run(true, fn);
}

/** Whether tapes are recorded here: true by default, false inside {@link noGrad}. */
export function isGradEnabled(): boolean {
  return disabled.getStore() !== true;
}
