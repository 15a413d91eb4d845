import { getTraceHandler } from "../dispatch/trace-handler.js";
import { hasRefs } from "../value/refs.js";
import type { Value } from "../value/value.js";
import { valueify } from "../value/valueify.js";
import { renderPrompt } from "./render-prompt.js";

/**
 * Builds text from a template literal, keeping every interpolated Value as a dependency:
 * ``prompt`Summarize: ${text}` `` is a `Value<string>`.
 *
 * While tracing, when any interpolated value (or a Value inside an interpolated array or object, or a
 * Parameter) has a ref, the trace handler records a render node that depends on all of them and returns
 * a TEXT placeholder; the text is produced at execution. Otherwise the text is rendered now
 * (`renderPrompt`). This is the way to put traced Values into strings: `String(v)`, `${v}` in a plain
 * template and `v + ""` throw a TraceError while tracing.
 *
 * @example
 * ```ts
 * forward(question: Value<string>) {
 *   return this.answer.call(prompt`Context: ${this.context}\nQuestion: ${question}`);
 * }
 * ```
 */
export function prompt(strings: TemplateStringsArray, ...values: unknown[]): Value<string> {
  const texts = strings.map((cooked, index) => cooked ?? strings.raw[index] ?? "");
  const lifted = values.map((value) => valueify(value));
  const handler = getTraceHandler();
  if (handler && hasRefs(...lifted)) return handler.recordRender(texts, lifted);
  return renderPrompt(texts, lifted);
}
