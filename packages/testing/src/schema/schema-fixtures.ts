import type { JSONSchema } from "@weft/provider";

/**
 * A varied set of schemas the generator must satisfy, shared by the generator's tests and the mock
 * server's structured-output tests: nested objects, arrays, enums, optional fields, nullable and anyOf,
 * `$ref`/`$defs` (recursive too), string formats and numeric bounds.
 * @internal test fixtures
 */
export const SCHEMA_FIXTURES: Readonly<Record<string, JSONSchema>> = {
  flat: {
    type: "object",
    properties: {
      name: { type: "string" },
      age: { type: "integer", minimum: 0, maximum: 130 },
      ok: { type: "boolean" },
    },
    required: ["name", "age", "ok"],
    additionalProperties: false,
  },
  nested: {
    type: "object",
    properties: {
      user: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          address: {
            type: "object",
            properties: {
              city: { type: "string", minLength: 2, maxLength: 20 },
              zip: { type: "string", pattern: "^\\d{5}$" },
            },
            required: ["city", "zip"],
          },
        },
        required: ["id", "address"],
      },
    },
    required: ["user"],
  },
  arrays: {
    type: "object",
    properties: {
      tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 4, uniqueItems: true },
      matrix: { type: "array", items: { type: "array", items: { type: "number", multipleOf: 0.5 } } },
      pair: {
        type: "array",
        prefixItems: [{ type: "string" }, { type: "integer" }],
        items: false,
      } as unknown as JSONSchema,
    },
    required: ["tags", "matrix", "pair"],
  },
  enums: {
    type: "object",
    properties: {
      color: { type: "string", enum: ["red", "green", "blue"] },
      level: { enum: [1, 2, 3] },
      kind: { const: "fixed" },
    },
    required: ["color", "level", "kind"],
  },
  optional: {
    type: "object",
    properties: {
      required: { type: "string" },
      maybe: { type: "number" },
      nested: { type: "object", properties: { deep: { type: "string" } } },
    },
    required: ["required"],
  },
  nullable: {
    type: "object",
    properties: {
      a: { type: ["string", "null"] },
      b: { anyOf: [{ type: "integer" }, { type: "null" }] },
      c: { type: "string", nullable: true },
    },
    required: ["a", "b", "c"],
    additionalProperties: false,
  },
  refs: {
    type: "object",
    $defs: {
      point: {
        type: "object",
        properties: { x: { type: "number" }, y: { type: "number" } },
        required: ["x", "y"],
      },
    },
    properties: { from: { $ref: "#/$defs/point" }, to: { $ref: "#/$defs/point" } },
    required: ["from", "to"],
  },
  recursive: {
    $defs: {
      node: {
        type: "object",
        properties: {
          label: { type: "string" },
          children: { type: "array", items: { $ref: "#/$defs/node" } },
        },
        required: ["label", "children"],
      },
    },
    $ref: "#/$defs/node",
  },
  formats: {
    type: "object",
    properties: {
      at: { type: "string", format: "date-time" },
      day: { type: "string", format: "date" },
      email: { type: "string", format: "email" },
      site: { type: "string", format: "uri" },
      id: { type: "string", format: "uuid" },
    },
    required: ["at", "day", "email", "site", "id"],
  },
  bounds: {
    type: "object",
    properties: {
      score: { type: "number", exclusiveMinimum: 0, maximum: 1 },
      count: { type: "integer", minimum: 10, exclusiveMaximum: 20, multipleOf: 3 },
      code: { type: "string", minLength: 8, maxLength: 8 },
      list: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 },
    },
    required: ["score", "count", "code", "list"],
  },
  combinators: {
    type: "object",
    properties: {
      shape: {
        oneOf: [
          {
            type: "object",
            properties: { kind: { const: "circle" }, r: { type: "number" } },
            required: ["kind", "r"],
          },
          {
            type: "object",
            properties: { kind: { const: "square" }, side: { type: "number" } },
            required: ["kind", "side"],
          },
        ],
      },
      merged: {
        allOf: [
          { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "boolean" } }, required: ["b"] },
        ],
      },
    },
    required: ["shape", "merged"],
  },
  record: { type: "object", additionalProperties: { type: "integer", minimum: 0 } },
  topLevelArray: { type: "array", items: { type: "string", enum: ["x", "y"] }, minItems: 1 },
};
