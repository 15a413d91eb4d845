import { prompt, type Value } from "@weft/core";

/** A literal piece of a prompt built by {@link composePrompt}. */
export interface Literal {
  readonly text: string;
}

/** Marks `text` as literal prompt text. */
export function literal(text: string): Literal {
  return { text };
}

function isLiteral(x: unknown): x is Literal {
  return (
    typeof x === "object" &&
    x !== null &&
    Object.keys(x).length === 1 &&
    typeof (x as Literal).text === "string"
  );
}

/**
 * The `prompt` template for a list of pieces decided at trace time: `literal(text)` pieces are template text,
 * anything else is interpolated (so traced Values stay dependencies). @internal
 */
export function composePrompt(pieces: readonly unknown[]): Value<string> {
  const strings: string[] = [""];
  const values: unknown[] = [];
  for (const piece of pieces) {
    if (isLiteral(piece)) strings[strings.length - 1] += piece.text;
    else {
      values.push(piece);
      strings.push("");
    }
  }
  const template = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
  return prompt(template, ...values);
}
