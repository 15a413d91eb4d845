/** The text between `<tag ...>` and `</tag>` (the first one), trimmed; `""` when absent. @internal */
export function tag(text: string, name: string): string {
  const match = new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`).exec(text);
  return match?.[1]?.trim() ?? "";
}

/** Every `<tag ...>...</tag>` of a text, trimmed. @internal */
export function tags(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`, "g"))].map((m) =>
    (m[1] ?? "").trim(),
  );
}

/** The value of attribute `attribute` on the first `<tag ...>`; `""` when absent. @internal */
export function attribute(text: string, name: string, attribute: string): string {
  return new RegExp(`<${name} [^>]*${attribute}="([^"]*)"`).exec(text)?.[1] ?? "";
}
