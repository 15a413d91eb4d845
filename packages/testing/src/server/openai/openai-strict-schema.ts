import type { JSONSchema } from "@weft/provider";
import { isRecord } from "../validation.js";

/**
 * The first reason OpenAI's strict mode (structured outputs, strict function tools) would refuse
 * `schema`, worded like its errors, or undefined when the schema is acceptable: the root must be an
 * object, and every object must set `additionalProperties: false` and list every property in `required`.
 */
export function strictSchemaProblem(schema: JSONSchema): string | undefined {
  if (schema.type !== "object" && !schema.$ref) {
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`;
  }
  return visit(schema, []);
}

function context(path: readonly string[]): string {
  return `In context=(${path.map((p) => `'${p}'`).join(", ")}${path.length === 1 ? "," : ""})`;
}

function visit(node: unknown, path: readonly string[]): string | undefined {
  if (!isRecord(node)) return undefined;
  const isObject =
    node.type === "object" ||
    (Array.isArray(node.type) && node.type.includes("object")) ||
    isRecord(node.properties);
  if (isObject) {
    if (node.additionalProperties !== false) {
      return `${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys(isRecord(node.properties) ? node.properties : {});
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  for (const keyword of ["properties", "$defs", "definitions"]) {
    const children = node[keyword];
    if (!isRecord(children)) continue;
    for (const [name, child] of Object.entries(children)) {
      const problem = visit(child, [...path, keyword, name]);
      if (problem) return problem;
    }
  }
  for (const keyword of ["items", "anyOf"]) {
    const children = node[keyword];
    const list = Array.isArray(children) ? children : children === undefined ? [] : [children];
    for (const [index, child] of list.entries()) {
      const problem = visit(
        child,
        Array.isArray(children) ? [...path, keyword, String(index)] : [...path, keyword],
      );
      if (problem) return problem;
    }
  }
  return undefined;
}
