/**
 * Improvement strings from a model's reply (plait `_parse_json_list`, made lenient): a JSON array of strings,
 * also inside a markdown code fence or surrounded by prose, gives its non-empty items; any other non-empty
 * reply is one item; an empty reply, `[]` or `null` give none.
 */
export function parseImprovements(reply: string): string[] {
  const text = reply.trim();
  if (text === "" || text === "null") return [];
  const start = text.indexOf("[");
  const end = text.lastIndexOf("]");
  if (start !== -1 && end > start) {
    try {
      const parsed: unknown = JSON.parse(text.slice(start, end + 1));
      if (Array.isArray(parsed)) {
        return parsed
          .flat()
          .filter((item) => item !== null && item !== undefined)
          .map((item) => (typeof item === "string" ? item : JSON.stringify(item)).trim())
          .filter((item) => item !== "");
      }
    } catch {
      // Not JSON: the reply as a whole is the improvement.
    }
  }
  return [text];
}
