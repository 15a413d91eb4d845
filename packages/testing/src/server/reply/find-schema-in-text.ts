import type { JSONSchema } from "@weft/provider";

function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * The largest JSON object in `text` that looks like a JSON Schema (has `type`, `properties` or `$schema`).
 * JSON-mode strategies put the schema in the instructions; this lets the mock answer to match it.
 */
export function findSchemaInText(text: string): JSONSchema | undefined {
  let best: { schema: JSONSchema; size: number } | undefined;
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    const end = closingBrace(text, start);
    if (end === -1) continue;
    const size = end - start;
    if (best && size <= best.size) continue;
    try {
      const parsed: unknown = JSON.parse(text.slice(start, end + 1));
      if (
        typeof parsed === "object" &&
        parsed !== null &&
        ("type" in parsed || "properties" in parsed || "$schema" in parsed)
      ) {
        best = { schema: parsed as JSONSchema, size };
      }
    } catch {
      // Not JSON: keep looking.
    }
  }
  return best?.schema;
}
