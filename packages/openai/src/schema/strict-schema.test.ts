import type { JSONSchema } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toStrictJsonSchema } from "./strict-schema.js";

const asSchema = (schema: z.ZodType) => z.toJSONSchema(schema) as JSONSchema;

describe("toStrictJsonSchema", () => {
  it("requires every property, forbids extras and makes optional properties nullable", () => {
    const strict = toStrictJsonSchema(
      asSchema(
        z.object({ name: z.string(), age: z.number().optional(), kind: z.enum(["a", "b"]).optional() }),
      ),
    );
    expect(strict?.wrapped).toBe(false);
    expect(strict?.schema).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: ["number", "null"] },
        kind: { type: ["string", "null"], enum: ["a", "b", null] },
      },
      required: ["name", "age", "kind"],
      additionalProperties: false,
    });
  });

  it("recurses into nested objects, arrays, unions and definitions", () => {
    const node: JSONSchema = {
      type: "object",
      properties: { label: { type: "string" }, note: { $ref: "#/$defs/Note" } },
      required: ["label"],
    };
    const schema: JSONSchema = {
      type: "object",
      properties: {
        items: { type: "array", items: node },
        either: { oneOf: [{ type: "string" }, { type: "object", properties: { x: { type: "number" } } }] },
      },
      required: ["items", "either"],
      $defs: { Note: { type: "object", properties: { text: { type: "string" } } } },
    };
    const strict = toStrictJsonSchema(schema)?.schema;
    expect(strict).toMatchObject({
      properties: {
        items: {
          items: {
            required: ["label", "note"],
            additionalProperties: false,
            properties: { note: { anyOf: [{ $ref: "#/$defs/Note" }, { type: "null" }] } },
          },
        },
        either: {
          anyOf: [
            { type: "string" },
            {
              type: "object",
              properties: { x: { type: ["number", "null"] } },
              required: ["x"],
              additionalProperties: false,
            },
          ],
        },
      },
      $defs: { Note: { required: ["text"], additionalProperties: false } },
    });
    expect(JSON.stringify(strict)).not.toContain("oneOf");
  });

  it("drops $schema and defaults, keeps formats and patterns", () => {
    const strict = toStrictJsonSchema(asSchema(z.object({ email: z.email(), d: z.string().default("x") })));
    expect(strict?.schema).not.toHaveProperty("$schema");
    expect(strict?.schema).toMatchObject({
      properties: { d: { type: "string" }, email: { format: "email" } },
    });
    expect(strict?.schema.properties?.d).not.toHaveProperty("default");
  });

  it("wraps a non-object root as { value } and keeps definitions at the root", () => {
    const strict = toStrictJsonSchema({
      type: "array",
      items: { $ref: "#/$defs/A" },
      $defs: { A: { type: "string" } },
    });
    expect(strict).toEqual({
      wrapped: true,
      schema: {
        type: "object",
        properties: { value: { type: "array", items: { $ref: "#/$defs/A" } } },
        required: ["value"],
        additionalProperties: false,
        $defs: { A: { type: "string" } },
      },
    });
  });

  it("gives up on what strict mode cannot express", () => {
    expect(toStrictJsonSchema(asSchema(z.object({ r: z.record(z.string(), z.number()) })))).toBeUndefined();
    expect(
      toStrictJsonSchema({ type: "object", properties: { a: { not: { type: "string" } } } }),
    ).toBeUndefined();
  });
});
