import type { JSONSchema } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../random/seeded-random.js";
import { ajvErrors } from "../test-support/ajv.js";
import { generateValue } from "./generate-value.js";
import { SCHEMA_FIXTURES } from "./schema-fixtures.js";
import { SchemaGenerationError } from "./schema-generation-error.js";
import { validateValue } from "./validate-value.js";

describe("generateValue", () => {
  for (const [name, schema] of Object.entries(SCHEMA_FIXTURES)) {
    it(`produces values that ajv accepts for the ${name} schema, over many seeds`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const value = generateValue(schema, new SeededRandom(seed));
        expect({ seed, value, errors: ajvErrors(schema, value) }).toMatchObject({ errors: [] });
        expect(validateValue(value, schema)).toEqual([]);
      }
    });
  }

  it("is deterministic per seed and varies across seeds", () => {
    const schema = SCHEMA_FIXTURES.nested!;
    expect(generateValue(schema, new SeededRandom(5))).toEqual(generateValue(schema, new SeededRandom(5)));
    const distinct = new Set(
      Array.from({ length: 10 }, (_, seed) => JSON.stringify(generateValue(schema, new SeededRandom(seed)))),
    );
    expect(distinct.size).toBeGreaterThan(5);
  });

  it("includes optional fields sometimes and leaves them out sometimes", () => {
    const values = Array.from({ length: 40 }, (_, seed) =>
      generateValue(SCHEMA_FIXTURES.optional!, new SeededRandom(seed)),
    ) as Record<string, unknown>[];
    expect(values.some((v) => "maybe" in v)).toBe(true);
    expect(values.some((v) => !("maybe" in v))).toBe(true);
  });

  it("fails with a typed error naming the path of an unsatisfiable schema", () => {
    const schema = {
      type: "object",
      properties: { n: { type: "integer", minimum: 5, maximum: 4 } },
      required: ["n"],
    };
    const error = (() => {
      try {
        generateValue(schema, new SeededRandom(1));
      } catch (caught) {
        return caught;
      }
    })();
    expect(SchemaGenerationError.is(error) && error.path).toBe("/n");
    expect(() => generateValue({ $ref: "#/$defs/missing" }, new SeededRandom(1))).toThrow("cannot resolve");
  });
});

describe("validateValue", () => {
  it("reports what is wrong and where", () => {
    const issues = validateValue({ name: 3, age: -1, extra: true }, SCHEMA_FIXTURES.flat!);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "/name", message: "expected string, got number" },
        { path: "/age", message: "below minimum 0" },
        { path: "/ok", message: "is required" },
        { path: "/extra", message: "is not allowed" },
      ]),
    );
  });

  it("agrees with ajv on invalid values", () => {
    const cases: [JSONSchema, unknown][] = [
      [
        SCHEMA_FIXTURES.formats!,
        { at: "yesterday", day: "2020-01-01", email: "a@b.co", site: "https://x", id: "nope" },
      ],
      [SCHEMA_FIXTURES.bounds!, { score: 0, count: 12, code: "12345678", list: [1, 2] }],
      [SCHEMA_FIXTURES.combinators!, { shape: { kind: "circle" }, merged: { a: "x", b: true } }],
      [SCHEMA_FIXTURES.recursive!, { label: "a", children: [{ label: 1, children: [] }] }],
      [SCHEMA_FIXTURES.arrays!, { tags: ["a", "a"], matrix: [[0.3]], pair: ["a", 1, 2] }],
    ];
    for (const [schema, value] of cases) {
      expect(ajvErrors(schema, value).length).toBeGreaterThan(0);
      expect(validateValue(value, schema).length).toBeGreaterThan(0);
    }
  });
});
