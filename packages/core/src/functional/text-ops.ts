import { opErrorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { unwrap } from "../value/unwrap.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { valueify } from "../value/valueify.js";
import { FormatError } from "./format-error.js";
import { formatMap } from "./format-map.js";
import { resolveErrors } from "./resolve-errors.js";
import { type TextInput, textOf } from "./text-input.js";
import { tracedOp } from "./traced-op.js";

/** Template variables: a record (of data or Values) or a STRUCTURED Value holding one. */
export type TemplateVars = Readonly<Record<string, unknown>> | Value;

function renderNow(op: string, template: unknown, vars: unknown): Value<string> {
  const inputs = [template, vars];
  const error = resolveErrors(inputs);
  if (error) return error;
  const text = isValue(template) ? template.payload : template;
  if (typeof text !== "string") return opErrorValue(op, "bad_template", "Template must be a string", inputs);
  const mapping = unwrap(valueify(vars));
  if (!isPlainObject(mapping)) {
    return opErrorValue(op, "not_mapping", "Template variables must be a mapping", inputs);
  }
  try {
    return new Value(ValueKind.TEXT, formatMap(text, mapping));
  } catch (cause) {
    if (!(cause instanceof FormatError)) throw cause;
    const extra = cause.key === undefined ? {} : { [MetaKey.missing]: cause.key };
    return opErrorValue(op, cause.kind, cause.message, inputs, extra);
  }
}

/**
 * Fills `{name}` slots of `template` from `vars` with Python `str.format_map` rules (no Jinja): `{{`/`}}`
 * escape braces, `{a.b}` / `{a[0]}` reach inside, `{x:>8.2f}` formats. A non-string template, non-mapping
 * vars, a missing key or a bad template give an ERROR Value.
 */
export function render(template: TextInput, vars: TemplateVars): Value<string> {
  return tracedOp("render", ValueKind.TEXT, [template, vars], (t: unknown, v: unknown) =>
    renderNow("render", t, v),
  );
}

/** An alias of {@link render}, for code that wants to say errors come back as data. */
export function tryRender(template: TextInput, vars: TemplateVars): Value<string> {
  return tracedOp("tryRender", ValueKind.TEXT, [template, vars], (t: unknown, v: unknown) =>
    renderNow("tryRender", t, v),
  );
}

/** {@link render} with the format string taken as TEXT rather than FSTRING; same rules and result. */
export function format(fmt: TextInput, vars: TemplateVars): Value<string> {
  return tracedOp("format", ValueKind.TEXT, [fmt, vars], (t: unknown, v: unknown) =>
    renderNow("format", t, v),
  );
}

/** Options of {@link concat}. */
export interface ConcatOptions {
  /** Put between parts. Default: `""`. */
  readonly sep?: TextInput;
}

function concatNow(parts: readonly unknown[], options: ConcatOptions): Value<string> {
  const inputs = [...parts, options];
  const error = resolveErrors(parts, { ...options });
  if (error) return error;
  const sep = options.sep === undefined ? "" : textOf(options.sep);
  if (sep === undefined) return opErrorValue("concat", "not_text", "Separator must be text-like", inputs);
  const texts = parts.map(textOf);
  if (texts.some((text) => text === undefined)) {
    return opErrorValue("concat", "not_text", "All parts must be text-like", inputs);
  }
  return new Value(ValueKind.TEXT, texts.join(sep));
}

/**
 * Joins text-like parts (strings, or Values with a string payload) with `sep`. Numbers are not coerced:
 * any other part gives an ERROR Value "All parts must be text-like".
 */
export function concat(parts: readonly TextInput[], options: ConcatOptions = {}): Value<string> {
  return tracedOp("concat", ValueKind.TEXT, [parts, options], concatNow);
}

function textOp(op: string, text: unknown, transform: (s: string) => string, extra: readonly unknown[] = []) {
  const error = resolveErrors([text, ...extra]);
  if (error) return error;
  const s = textOf(text);
  if (s === undefined) return opErrorValue(op, "not_text", "Value is not text", [text]);
  return new Value(ValueKind.TEXT, transform(s));
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, "\\$&");
}

/** Removes leading and trailing whitespace, or any of `chars` when given (Python `str.strip`). */
export function strip(text: TextInput, chars?: TextInput): Value<string> {
  return tracedOp("strip", ValueKind.TEXT, [text, chars], (t: unknown, c: unknown) => {
    if (c === undefined) return textOp("strip", t, (s) => s.trim());
    const set = textOf(c);
    if (set === undefined) return opErrorValue("strip", "not_text", "chars must be text", [t, c]);
    if (set === "") return textOp("strip", t, (s) => s, [c]);
    const pattern = new RegExp(`^[${escapeClass(set)}]+|[${escapeClass(set)}]+$`, "gu");
    return textOp("strip", t, (s) => s.replace(pattern, ""), [c]);
  });
}

/** Lower-cases text. */
export function lower(text: TextInput): Value<string> {
  return tracedOp("lower", ValueKind.TEXT, [text], (t: unknown) =>
    textOp("lower", t, (s) => s.toLowerCase()),
  );
}

/** Upper-cases text. */
export function upper(text: TextInput): Value<string> {
  return tracedOp("upper", ValueKind.TEXT, [text], (t: unknown) =>
    textOp("upper", t, (s) => s.toUpperCase()),
  );
}
