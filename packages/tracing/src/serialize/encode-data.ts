import { isModule, isParameter, isValue, isValueKind, isValueRef, Value, ValueRef } from "@weft/core";
import * as zod from "zod";
import { jsonSchemaOf, rememberJsonSchema } from "../check/json-schema-of.js";
import { GraphError } from "../errors/graph-error.js";
import { isPlainRecord } from "../graph/structure.js";

const OPAQUE = Symbol.for("weft.tracing.opaque");

/** Which tag an {@link OpaqueObject} was read from. */
export type OpaqueTag = "$class" | "$module" | "$schema";

/**
 * An object read back from graph.json that cannot be rebuilt: a class instance (`$class`: its class name
 * and own fields), a module (`$module`), or a zod schema when zod cannot rebuild it (`$schema`, fields
 * `{ jsonSchema }`). It keeps the graph's hash and serializes back to the same JSON, but code that needs
 * the real object cannot use it.
 */
export class OpaqueObject {
  readonly tag: OpaqueTag;
  readonly className: string;
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(tag: OpaqueTag, className: string, fields: Readonly<Record<string, unknown>>) {
    this.tag = tag;
    this.className = className;
    this.fields = fields;
    Object.defineProperty(this, OPAQUE, { value: true });
  }
}

/** Whether `x` is an {@link OpaqueObject}. */
export function isOpaqueObject(x: unknown): x is OpaqueObject {
  return typeof x === "object" && x !== null && OPAQUE in x;
}

function isZodSchema(x: object): x is zod.ZodType {
  return typeof (x as { safeParse?: unknown }).safeParse === "function" && "_zod" in x;
}

/**
 * Data (node args, output structures, literal Values, parameter values) as JSON. Plain JSON stays as it is;
 * everything else becomes a one-key object tagged with `$`: `{"$ref": id}` for a ValueRef,
 * `{"$value": {kind, payload, meta}}` for a literal Value, `$undefined`, `$number` (NaN, ±Infinity),
 * `$bigint`, `$bytes` (hex), `$error` ({name, message, code?}), `$date` (ISO), `$fn` (source text),
 * `$schema` (a zod schema's JSON Schema), `$module` (class name), `$class` ({name, fields}) for other class
 * instances, and `$object` for a plain object that has a key starting with `$`.
 */
export function encodeData(x: unknown): unknown {
  if (x === null || typeof x === "string" || typeof x === "boolean") return x;
  if (typeof x === "number") return Number.isFinite(x) ? x : { $number: String(x) };
  if (x === undefined) return { $undefined: true };
  if (typeof x === "bigint") return { $bigint: String(x) };
  if (typeof x === "function") return { $fn: String(x) };
  if (typeof x === "symbol") return { $symbol: x.description ?? "" };
  if (isValueRef(x)) return { $ref: x.ref };
  if (isValue(x)) {
    const payload = x.isPlaceholder ? { $undefined: true } : encodeData(x.payload);
    return { $value: { kind: x.kind, payload, meta: encodeData(x.meta) } };
  }
  if (isParameter(x)) return encodeData(x.value);
  if (isModule(x)) return { $module: x.constructor.name };
  if (Array.isArray(x)) return x.map(encodeData);
  if (isPlainRecord(x)) {
    const out: Record<string, unknown> = {};
    let tagged = false;
    for (const key of Object.keys(x)) {
      if (key.startsWith("$")) tagged = true;
      out[key] = encodeData(x[key]);
    }
    return tagged ? { $object: out } : out;
  }
  if (x instanceof Uint8Array || x instanceof ArrayBuffer) {
    return { $bytes: Buffer.from(x instanceof ArrayBuffer ? new Uint8Array(x) : x).toString("hex") };
  }
  if (x instanceof Error) {
    const code = (x as { code?: unknown }).code;
    return {
      $error:
        typeof code === "string"
          ? { name: x.name, message: x.message, code }
          : { name: x.name, message: x.message },
    };
  }
  if (x instanceof Date) return { $date: Number.isNaN(x.getTime()) ? null : x.toISOString() };
  if (isOpaqueObject(x)) {
    if (x.tag === "$module") return { $module: x.className };
    if (x.tag === "$schema") return { $schema: x.fields.jsonSchema };
    return { $class: { name: x.className, fields: encodeData({ ...x.fields }) } };
  }
  if (isZodSchema(x)) return { $schema: jsonSchemaOf(x) };
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(x)) fields[key] = (x as Record<string, unknown>)[key];
  return { $class: { name: x.constructor?.name ?? "Object", fields: encodeData(fields) } };
}

function notExecutable(source: string): (...args: unknown[]) => never {
  const stub = () => {
    throw new GraphError("not_executable", "A function read back from graph.json cannot run; trace again");
  };
  Object.defineProperty(stub, "toString", { value: () => source });
  return stub;
}

function schemaFrom(json: unknown): unknown {
  const from = (zod as { fromJSONSchema?: (schema: unknown) => zod.ZodType }).fromJSONSchema;
  if (typeof from === "function" && isPlainRecord(json)) {
    try {
      return rememberJsonSchema(from(json), json);
    } catch {
      // fall through: kept as an opaque description
    }
  }
  return new OpaqueObject("$schema", "ZodSchema", { jsonSchema: json });
}

/** Reverses {@link encodeData}. Throws GraphError(`invalid_json`) for a malformed tag, naming `path`. */
export function decodeData(x: unknown, path = "$"): unknown {
  if (Array.isArray(x)) return x.map((item, index) => decodeData(item, `${path}[${index}]`));
  if (!isPlainRecord(x)) return x;
  const keys = Object.keys(x);
  const tag = keys.length === 1 ? (keys[0] as string) : "";
  if (!tag.startsWith("$")) {
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = decodeData(x[key], `${path}.${key}`);
    return out;
  }
  const body = x[tag];
  const bad = () => new GraphError("invalid_json", `Malformed ${tag} at ${path}`, { path });
  switch (tag) {
    case "$ref":
      if (typeof body !== "string") throw bad();
      return new ValueRef(body);
    case "$value": {
      if (!isPlainRecord(body) || !isValueKind(body.kind)) throw bad();
      const meta = decodeData(body.meta ?? {}, `${path}.meta`) as Record<string, unknown>;
      return new Value(body.kind, decodeData(body.payload, `${path}.payload`), { meta });
    }
    case "$object":
      if (!isPlainRecord(body)) throw bad();
      return Object.fromEntries(
        Object.entries(body).map(([key, item]) => [key, decodeData(item, `${path}.${key}`)]),
      );
    case "$undefined":
      return undefined;
    case "$number":
      return Number(body);
    case "$bigint":
      return BigInt(String(body));
    case "$symbol":
      return Symbol(String(body));
    case "$fn":
      return notExecutable(String(body));
    case "$bytes":
      return new Uint8Array(Buffer.from(String(body), "hex"));
    case "$error": {
      if (!isPlainRecord(body)) throw bad();
      const error = new Error(String(body.message ?? ""));
      error.name = String(body.name ?? "Error");
      if (typeof body.code === "string") Object.assign(error, { code: body.code });
      return error;
    }
    case "$date":
      return new Date(body === null ? Number.NaN : String(body));
    case "$schema":
      return schemaFrom(body);
    case "$module":
      return new OpaqueObject("$module", String(body), {});
    case "$class": {
      if (!isPlainRecord(body) || !isPlainRecord(body.fields)) throw bad();
      return new OpaqueObject(
        "$class",
        String(body.name),
        decodeData(body.fields, `${path}.fields`) as Record<string, unknown>,
      );
    }
    default:
      throw bad();
  }
}
