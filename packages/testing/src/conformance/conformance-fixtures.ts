import type { GenerateRequest, JSONSchema, ToolSpec } from "@weft/provider";

/** The tool the suite offers: an object with an enum and an optional bounded integer. */
export const WEATHER_TOOL: ToolSpec = {
  name: "get_weather",
  description: "Current weather for a city",
  inputSchema: {
    type: "object",
    properties: {
      city: { type: "string", description: "City name" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      days: { type: "integer", minimum: 1, maximum: 7 },
    },
    required: ["city", "unit"],
    additionalProperties: false,
  },
};

/**
 * The structured-output schema: nested object, array, enum, bounded integer, a string format and
 * optional fields, so strict-mode rewrites (optional made nullable) must be undone in the reply.
 */
export const REVIEW_SCHEMA: JSONSchema = {
  type: "object",
  properties: {
    title: { type: "string" },
    rating: { type: "integer", minimum: 1, maximum: 5 },
    verdict: { type: "string", enum: ["buy", "skip", "wait"] },
    tags: { type: "array", items: { type: "string" } },
    author: {
      type: "object",
      properties: { name: { type: "string" }, email: { type: "string", format: "email" } },
      required: ["name"],
      additionalProperties: false,
    },
    note: { type: "string" },
  },
  required: ["title", "rating", "verdict", "tags", "author"],
  additionalProperties: false,
};

/** A plain question. */
export function textRequest(topic = "looms"): GenerateRequest {
  return {
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: `Tell me about ${topic}.` },
    ],
  };
}
