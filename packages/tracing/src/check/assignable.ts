/** A JSON Schema object as zod writes it (only the keywords the check reads are typed). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** One place where data of the actual schema may not fit the expected one. @internal */
export interface AssignIssue {
  /** Dotted path inside the compared data (`""` for the whole), `[]` for array elements. */
  readonly path: string;
  readonly expected: string;
  /** A type description, `"missing"` (no such field) or `"optional"` (the field may be absent). */
  readonly actual: string;
}

/** A schema with its document, so `$ref`s resolve. @internal */
export interface Located {
  readonly schema: JsonSchema;
  readonly root: JsonSchema;
}

function resolve(at: Located): JsonSchema {
  let schema = at.schema;
  for (let hops = 0; schema.$ref !== undefined && hops < 32; hops++) {
    const ref = schema.$ref;
    if (ref === "#") schema = at.root;
    else {
      const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
      const found = match ? at.root[match[1] as "$defs" | "definitions"]?.[match[2] as string] : undefined;
      if (!found) return {};
      schema = found;
    }
  }
  return schema;
}

function typesOf(schema: JsonSchema): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return [...schema.type];
  const literals = schema.const !== undefined ? [schema.const] : schema.enum;
  if (literals)
    return [...new Set(literals.map((x) => (x === null ? "null" : Array.isArray(x) ? "array" : typeof x)))];
  return [];
}

function accepts(expected: readonly string[], actual: string): boolean {
  return expected.includes(actual) || (actual === "integer" && expected.includes("number"));
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A short text of a schema: `string`, `"a" | "b"`, `{ score: number }`, `string[]`, `unknown`. @internal */
export function describeSchema(at: Located, depth = 0): string {
  const schema = resolve(at);
  const sub = (s: JsonSchema) => describeSchema({ schema: s, root: at.root }, depth + 1);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((x) => JSON.stringify(x)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(sub).join(" | ");
  const types = typesOf(schema);
  if (types.length === 0) return "unknown";
  return types
    .map((type) => {
      if (type === "array" && schema.items) return `${sub(schema.items)}[]`;
      if (type === "object" && schema.properties && depth < 2) {
        const fields = Object.entries(schema.properties).map(([key, s]) => `${key}: ${sub(s)}`);
        return `{ ${fields.join("; ")} }`;
      }
      return type;
    })
    .join(" | ");
}

/**
 * Where data valid for `actual` may be invalid for `expected`. Only what both schemas state is compared:
 * an empty (unknown) side is compatible with everything, so there are no false alarms on schemas that say
 * nothing. Types (`integer` fits `number`), literals and enums, required and optional object fields,
 * array items and unions (`anyOf` / `oneOf`: an actual union must fit as a whole, branch by branch) are
 * compared; `allOf`, patterns and bounds are not. @internal
 */
export function assignable(actual: Located, expected: Located, path = ""): AssignIssue[] {
  const a = resolve(actual);
  const e = resolve(expected);
  const at = (schema: JsonSchema, of: Located): Located => ({ schema, root: of.root });
  const issue = (): AssignIssue[] => [
    { path, expected: describeSchema(expected), actual: describeSchema(actual) },
  ];
  const expectedUnion = e.anyOf ?? e.oneOf;
  if (expectedUnion) {
    return expectedUnion.some((branch) => assignable(actual, at(branch, expected), path).length === 0)
      ? []
      : issue();
  }
  const actualUnion = a.anyOf ?? a.oneOf;
  if (actualUnion) {
    const issues = actualUnion.flatMap((branch) => assignable(at(branch, actual), expected, path));
    return issues.length === 0 ? [] : issue();
  }
  const expectedTypes = typesOf(e);
  const actualTypes = typesOf(a);
  if (expectedTypes.length === 0 || actualTypes.length === 0) return [];
  if (!actualTypes.every((type) => accepts(expectedTypes, type))) return issue();
  const literals = e.const !== undefined ? [e.const] : e.enum;
  if (literals) {
    const given = a.const !== undefined ? [a.const] : a.enum;
    if (!given?.every((x) => literals.some((y) => JSON.stringify(y) === JSON.stringify(x)))) return issue();
  }
  const issues: AssignIssue[] = [];
  if (actualTypes.includes("object") && e.properties) {
    const actualProperties = a.properties ?? {};
    for (const key of e.required ?? []) {
      const expectedField = e.properties[key];
      const described = expectedField ? describeSchema(at(expectedField, expected)) : "unknown";
      if (!(key in actualProperties)) {
        if (a.properties) issues.push({ path: join(path, key), expected: described, actual: "missing" });
      } else if (!(a.required ?? []).includes(key)) {
        issues.push({ path: join(path, key), expected: described, actual: "optional" });
      }
    }
    for (const [key, expectedField] of Object.entries(e.properties)) {
      const actualField = actualProperties[key];
      if (actualField)
        issues.push(...assignable(at(actualField, actual), at(expectedField, expected), join(path, key)));
    }
  }
  if (actualTypes.includes("array") && e.items && a.items) {
    issues.push(...assignable(at(a.items, actual), at(e.items, expected), `${path}[]`));
  }
  return issues;
}
