/** Brand of every Module. @internal */
export const MODULE_BRAND = Symbol.for("weft.module");
/** Brand of every LeafModule. @internal */
export const LEAF_BRAND = Symbol.for("weft.module.leaf");
/** Brand of every LLMInference. @internal */
export const LLM_BRAND = Symbol.for("weft.module.llm");
/** The hook a module call uses when there is no trace and no binding. @internal */
export const directCall: unique symbol = Symbol("weft.module.directCall");

/** Whether `x` is a Module (from any installed copy of weft). */
export function isModuleLike(x: unknown): boolean {
  return typeof x === "object" && x !== null && MODULE_BRAND in x;
}

/** Whether `x` is a LeafModule (from any installed copy of weft). */
export function isLeafModule(x: unknown): boolean {
  return typeof x === "object" && x !== null && LEAF_BRAND in x;
}

/** Whether `x` is an LLMInference (from any installed copy of weft; `instanceof` breaks across copies). */
export function isLLMInference(x: unknown): boolean {
  return typeof x === "object" && x !== null && LLM_BRAND in x;
}
