import type { JSONSchema } from "@weft/provider";
import { numericBounds, resolveRef, type SchemaNode, schemaTypes } from "./schema-ref.js";
import { matchesFormat } from "./string-formats.js";

/** One way a value fails its schema: where (a JSON pointer) and why. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

const MAX_REF_DEPTH = 64;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  return typeOf(value) === type;
}

function isMultiple(value: number, of: number): boolean {
  const quotient = value / of;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

/** Deep equality for JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) =>
    jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

class Validator {
  readonly issues: SchemaIssue[] = [];
  constructor(private readonly root: SchemaNode) {}

  check(value: unknown, node: SchemaNode, path: string, depth: number): void {
    if (node === true) return;
    if (node === false) {
      this.fail(path, "no value is allowed here");
      return;
    }
    const schema = node;
    if (typeof schema.$ref === "string") {
      const target = resolveRef(this.root, schema.$ref);
      if (target === undefined || depth > MAX_REF_DEPTH) {
        this.fail(path, `cannot resolve ${schema.$ref}`);
        return;
      }
      this.check(value, target, path, depth + 1);
    }
    const types = schemaTypes(schema);
    if (types.length > 0 && !types.some((type) => hasType(value, type))) {
      this.fail(path, `expected ${types.join(" or ")}, got ${typeOf(value)}`);
      return;
    }
    if (schema.nullable === true && value === null) return;
    if (schema.enum && !schema.enum.some((option) => jsonEqual(option, value))) {
      this.fail(path, `expected one of ${JSON.stringify(schema.enum)}`);
    }
    if ("const" in schema && !jsonEqual(schema.const, value))
      this.fail(path, `expected ${JSON.stringify(schema.const)}`);
    this.combinators(value, schema, path, depth);
    if (typeof value === "number") this.number(value, schema, path);
    if (typeof value === "string") this.string(value, schema, path);
    if (Array.isArray(value)) this.array(value, schema, path, depth);
    else if (typeof value === "object" && value !== null)
      this.object(value as Record<string, unknown>, schema, path, depth);
  }

  private combinators(value: unknown, schema: JSONSchema, path: string, depth: number): void {
    for (const sub of schema.allOf ?? []) this.check(value, sub, path, depth);
    if (schema.anyOf && !schema.anyOf.some((sub) => this.passes(value, sub, depth))) {
      this.fail(path, "matches none of anyOf");
    }
    if (schema.oneOf) {
      const matching = schema.oneOf.filter((sub) => this.passes(value, sub, depth)).length;
      if (matching !== 1) this.fail(path, `matches ${matching} of oneOf, expected exactly 1`);
    }
    if (schema.not !== undefined && this.passes(value, schema.not as SchemaNode, depth)) {
      this.fail(path, "matches a schema under not");
    }
  }

  private passes(value: unknown, node: SchemaNode, depth: number): boolean {
    const probe = new Validator(this.root);
    probe.check(value, node, "", depth);
    return probe.issues.length === 0;
  }

  private number(value: number, schema: JSONSchema, path: string): void {
    const { min, max, exclusiveMin, exclusiveMax, multipleOf } = numericBounds(schema);
    if (min !== undefined && (exclusiveMin ? value <= min : value < min))
      this.fail(path, `below minimum ${min}`);
    if (max !== undefined && (exclusiveMax ? value >= max : value > max))
      this.fail(path, `above maximum ${max}`);
    if (multipleOf !== undefined && !isMultiple(value, multipleOf))
      this.fail(path, `not a multiple of ${multipleOf}`);
  }

  private string(value: string, schema: JSONSchema, path: string): void {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength)
      this.fail(path, "shorter than minLength");
    if (typeof schema.maxLength === "number" && length > schema.maxLength)
      this.fail(path, "longer than maxLength");
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      this.fail(path, `does not match ${schema.pattern}`);
    }
    if (typeof schema.format === "string" && !matchesFormat(schema.format, value)) {
      this.fail(path, `not a valid ${schema.format}`);
    }
  }

  private array(value: readonly unknown[], schema: JSONSchema, path: string, depth: number): void {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      this.fail(path, "fewer items than minItems");
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      this.fail(path, "more items than maxItems");
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as SchemaNode[]) : [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : (schema.items as SchemaNode | undefined);
      if (itemSchema !== undefined) this.check(item, itemSchema, `${path}/${index}`, depth);
    });
    if (
      schema.uniqueItems === true &&
      value.some((item, i) => value.slice(0, i).some((o) => jsonEqual(o, item)))
    ) {
      this.fail(path, "items are not unique");
    }
  }

  private object(value: Record<string, unknown>, schema: JSONSchema, path: string, depth: number): void {
    for (const key of schema.required ?? [])
      if (!Object.hasOwn(value, key)) this.fail(`${path}/${key}`, "is required");
    const properties = schema.properties ?? {};
    const keys = Object.keys(value);
    if (typeof schema.minProperties === "number" && keys.length < schema.minProperties)
      this.fail(path, "too few properties");
    if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties)
      this.fail(path, "too many properties");
    for (const key of keys) {
      const declared = Object.hasOwn(properties, key);
      const propertySchema = declared
        ? properties[key]
        : (schema.additionalProperties as SchemaNode | undefined);
      if (propertySchema === false && !declared) this.fail(`${path}/${key}`, "is not allowed");
      else if (propertySchema !== undefined) this.check(value[key], propertySchema, `${path}/${key}`, depth);
    }
  }

  private fail(path: string, message: string): void {
    this.issues.push({ path: path || "/", message });
  }
}

/**
 * Checks `value` against `schema` (the JSON Schema subset weft's generator produces: types, enum,
 * const, combinators, local `$ref`, object, array, string and number constraints, common formats).
 * Returns every issue; an empty list means the value is valid. `root` is what `$ref`s resolve against
 * (default: `schema` itself).
 */
export function validateValue(value: unknown, schema: SchemaNode, root: SchemaNode = schema): SchemaIssue[] {
  const validator = new Validator(root);
  validator.check(value, schema, "", 0);
  return validator.issues;
}
