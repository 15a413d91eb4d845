import type { JSONSchema } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createJsonAnswerDecoder } from "./json-answer-decoder.js";
import { toStrictJsonSchema } from "./strict-schema.js";

const User = z.object({
  name: z.string(),
  nickname: z.string().optional(),
  middle: z.string().nullable().optional(),
  address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
  pets: z.array(z.object({ kind: z.enum(["cat", "dog"]), age: z.number().optional() })),
  contact: z.union([z.object({ email: z.string(), label: z.string().optional() }), z.string()]).optional(),
});
const schema = z.toJSONSchema(User) as JSONSchema;

describe("createJsonAnswerDecoder", () => {
  it("removes the nulls strict mode forced into optional fields so the original zod schema validates", () => {
    const strictAnswer = {
      name: "Ada",
      nickname: null,
      middle: null,
      address: { city: "Paris", zip: null },
      pets: [
        { kind: "cat", age: null },
        { kind: "dog", age: 3 },
      ],
      contact: { email: "a@b.c", label: null },
    };
    expect(User.safeParse(strictAnswer).success).toBe(false);
    const decoder = createJsonAnswerDecoder({ schema, optionalsMadeNullable: true });
    const decoded = JSON.parse(decoder.decode(JSON.stringify(strictAnswer)));
    expect(User.parse(decoded)).toEqual({
      name: "Ada",
      middle: null,
      address: { city: "Paris" },
      pets: [{ kind: "cat" }, { kind: "dog", age: 3 }],
      contact: { email: "a@b.c" },
    });
  });

  it("unwraps answers to a wrapped non-object root", () => {
    const list = z.array(z.object({ a: z.number().optional() }));
    const original = z.toJSONSchema(list) as JSONSchema;
    const strict = toStrictJsonSchema(original);
    const decoder = createJsonAnswerDecoder({
      schema: original,
      wrapped: strict?.wrapped,
      optionalsMadeNullable: true,
    });
    expect(list.parse(JSON.parse(decoder.decode('{"value":[{"a":null},{"a":1}]}')))).toEqual([{}, { a: 1 }]);
  });

  it("is the identity when nothing was transformed, and passes non-JSON text through", () => {
    const plain = createJsonAnswerDecoder({
      schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
      optionalsMadeNullable: true,
    });
    expect(plain.changesText).toBe(false);
    const decoder = createJsonAnswerDecoder({ schema, optionalsMadeNullable: true });
    expect(decoder.decode("not json {")).toBe("not json {");
  });

  it("never turns a __proto__ key into a prototype", () => {
    const decoder = createJsonAnswerDecoder({ schema, optionalsMadeNullable: true });
    const decoded = JSON.parse(decoder.decode('{"name":"x","pets":[],"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(decoded, "__proto__")).toBe(true);
  });
});
