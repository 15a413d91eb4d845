import { displayText } from "../value/display-text.js";
import { FormatError } from "./format-error.js";

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function group(digits: string, separator: string | undefined): string {
  if (!separator) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatNumber(
  n: number,
  type: string | undefined,
  precision: number | undefined,
  sep?: string,
): string {
  const abs = Math.abs(n);
  const withGroups = (text: string) => {
    const [whole = "", fraction] = text.split(".");
    return fraction === undefined ? group(whole, sep) : `${group(whole, sep)}.${fraction}`;
  };
  switch (type) {
    case "d":
    case "n":
      if (!Number.isInteger(n)) throw new FormatError("bad_template", "Unknown format code 'd' for a float");
      return group(abs.toFixed(0), sep);
    case "f":
    case "F":
      return withGroups(abs.toFixed(precision ?? 6));
    case "e":
    case "E": {
      const text = abs.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
      return type === "E" ? text.toUpperCase() : text;
    }
    case "%":
      return `${withGroups((abs * 100).toFixed(precision ?? 6))}%`;
    case "g":
    case "G":
      return withGroups(String(Number(abs.toPrecision(precision || 6))));
    case "x":
    case "X":
    case "o":
    case "b": {
      if (!Number.isInteger(n))
        throw new FormatError("bad_template", `Unknown format code '${type}' for a float`);
      const text = abs.toString(type === "o" ? 8 : type === "b" ? 2 : 16);
      return type === "X" ? text.toUpperCase() : text;
    }
    default:
      return withGroups(precision === undefined ? String(abs) : String(Number(abs.toPrecision(precision))));
  }
}

/**
 * Applies a Python format spec `[[fill]align][sign][0][width][,|_][.precision][type]` to a value: numeric
 * types (`d f F e E g G % x X o b n`) need a number; `s` (or none) prints text, truncated by precision.
 * @internal
 */
export function formatSpec(value: unknown, spec: string): string {
  if (spec === "") return displayText(value);
  const match = SPEC.exec(spec);
  if (!match) throw new FormatError("bad_template", `Invalid format specifier '${spec}'`);
  const [, fill = " ", alignChar, sign = "-", zero, widthText, separator, precisionText, type] = match;
  const width = widthText ? Number(widthText) : 0;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let body: string;
  let prefix = "";
  let align = alignChar ?? (typeof value === "number" ? ">" : "<");
  if (typeof value === "number" && type !== "s" && type !== "c") {
    body = formatNumber(value, type, precision, separator);
    prefix = value < 0 || Object.is(value, -0) ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
  } else {
    if (type !== undefined && type !== "s") {
      throw new FormatError("bad_template", `Unknown format code '${type}' for a non-number`);
    }
    const text = displayText(value);
    body = precision === undefined ? text : text.slice(0, precision);
  }
  let fillChar = fill;
  if (zero && alignChar === undefined && typeof value === "number") {
    fillChar = "0";
    align = "=";
  }
  const padding = Math.max(0, width - prefix.length - body.length);
  if (align === "=") return prefix + fillChar.repeat(padding) + body;
  if (align === "<") return prefix + body + fillChar.repeat(padding);
  if (align === "^") {
    const left = Math.floor(padding / 2);
    return fillChar.repeat(left) + prefix + body + fillChar.repeat(padding - left);
  }
  return fillChar.repeat(padding) + prefix + body;
}
