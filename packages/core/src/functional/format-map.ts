import { displayText } from "../value/display-text.js";
import { FormatError } from "./format-error.js";
import { formatSpec } from "./format-spec.js";

function lookup(vars: Readonly<Record<string, unknown>>, field: string): unknown {
  const match = /^([^.[]*)(.*)$/s.exec(field) as RegExpExecArray;
  const name = match[1] as string;
  if (name === "" || /^\d+$/.test(name)) {
    throw new FormatError(
      "bad_template",
      `Positional field {${field}} needs positional arguments; use a name`,
    );
  }
  if (!Object.hasOwn(vars, name)) throw new FormatError("missing_key", `Missing key: ${name}`, name);
  let current: unknown = vars[name];
  let rest = match[2] as string;
  while (rest) {
    const step = /^\.([^.[]+)|^\[([^\]]+)\]/.exec(rest);
    if (!step) throw new FormatError("bad_template", `Bad field name: {${field}}`);
    const key = step[1] ?? (step[2] as string);
    const index = step[2] !== undefined && /^\d+$/.test(key) ? Number(key) : key;
    const container = current as Record<string | number, unknown> | null | undefined;
    if (container === null || typeof container !== "object" || !(index in container)) {
      throw new FormatError("missing_key", `Missing ${String(index)} in {${field}}`, String(index));
    }
    current = container[index];
    rest = rest.slice(step[0].length);
  }
  return current;
}

function convert(value: unknown, conversion: string | undefined): unknown {
  if (conversion === undefined) return value;
  if (conversion === "s") return displayText(value);
  if (conversion === "r" || conversion === "a") return JSON.stringify(displayText(value));
  throw new FormatError("bad_template", `Unknown conversion specifier ${conversion}`);
}

function replaceField(body: string, vars: Readonly<Record<string, unknown>>): string {
  const match = /^([^!:]*)(?:!(.))?(?::(.*))?$/s.exec(body);
  if (!match) throw new FormatError("bad_template", `Bad replacement field: {${body}}`);
  const [, field = "", conversion, rawSpec = ""] = match;
  // Python allows one level of nested fields in the spec: {x:{width}}.
  const spec = rawSpec.replace(/\{([^{}]*)\}/g, (_all, inner: string) => displayText(lookup(vars, inner)));
  return formatSpec(convert(lookup(vars, field), conversion), spec);
}

/**
 * Python `str.format_map` (plait-spec 3.3 `render`): `{name}` slots with `.attr` / `[index]` access,
 * `!s` / `!r` conversions and a format spec; `{{` and `}}` are literal braces. Positional fields (`{}`,
 * `{0}`) are errors. Values print with {@link displayText}. Throws {@link FormatError}. @internal
 */
export function formatMap(template: string, vars: Readonly<Record<string, unknown>>): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const char = template[i] as string;
    if (char === "{" && template[i + 1] === "{") {
      out += "{";
      i += 2;
    } else if (char === "}" && template[i + 1] === "}") {
      out += "}";
      i += 2;
    } else if (char === "}") {
      throw new FormatError("bad_template", "Single '}' encountered in format string");
    } else if (char === "{") {
      let depth = 1;
      let j = i + 1;
      for (; j < template.length && depth > 0; j++) {
        if (template[j] === "{") depth++;
        else if (template[j] === "}") depth--;
      }
      if (depth > 0) throw new FormatError("bad_template", "Expected '}' before end of string");
      out += replaceField(template.slice(i + 1, j - 1), vars);
      i = j;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}
