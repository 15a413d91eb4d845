import type { SeededRandom } from "../random/seeded-random.js";

type Node =
  | { readonly kind: "chars"; readonly chars: string }
  | { readonly kind: "alt"; readonly branches: readonly (readonly Repeat[])[] };
interface Repeat {
  readonly node: Node;
  readonly min: number;
  readonly max: number;
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const DIGITS = "0123456789";
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const CLASS_ESCAPES: Readonly<Record<string, string>> = { d: DIGITS, w: WORD, s: " " };
const UNBOUNDED_EXTRA = 3;

class Unsupported extends Error {}

/** Parses the regex subset JSON schemas use in practice: literals, classes, groups, alternation, quantifiers. */
class PatternParser {
  private pos = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.source.length) throw new Unsupported();
    return node;
  }

  private alternation(): Node {
    const branches: Repeat[][] = [this.sequence()];
    while (this.source[this.pos] === "|") {
      this.pos++;
      branches.push(this.sequence());
    }
    return { kind: "alt", branches };
  }

  private sequence(): Repeat[] {
    const items: Repeat[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== "|" && this.source[this.pos] !== ")") {
      const char = this.source[this.pos];
      if (char === "^" || char === "$") {
        this.pos++;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return items;
  }

  private atom(): Node {
    const char = this.source[this.pos++] as string;
    if (char === "(") {
      if (this.source[this.pos] === "?") {
        if (this.source[this.pos + 1] !== ":") throw new Unsupported();
        this.pos += 2;
      }
      const inner = this.alternation();
      if (this.source[this.pos++] !== ")") throw new Unsupported();
      return inner;
    }
    if (char === "[") return { kind: "chars", chars: this.charClass() };
    if (char === ".") return { kind: "chars", chars: WORD };
    if (char === "\\") return { kind: "chars", chars: this.escape() };
    if ("*+?{".includes(char)) throw new Unsupported();
    return { kind: "chars", chars: char };
  }

  private escape(): string {
    const char = this.source[this.pos++];
    if (char === undefined || /[1-9bBkpPuxc]/.test(char)) throw new Unsupported();
    return CLASS_ESCAPES[char] ?? (/[DWS]/.test(char) ? "!#%&-" : char);
  }

  private charClass(): string {
    const negated = this.source[this.pos] === "^";
    if (negated) this.pos++;
    let chars = "";
    while (this.source[this.pos] !== "]") {
      if (this.pos >= this.source.length) throw new Unsupported();
      let first = this.source[this.pos++] as string;
      if (first === "\\") first = this.escape();
      if (this.source[this.pos] === "-" && this.source[this.pos + 1] !== "]" && first.length === 1) {
        this.pos++;
        const last = this.source[this.pos++] as string;
        for (let code = first.charCodeAt(0); code <= last.charCodeAt(0); code++)
          chars += String.fromCharCode(code);
      } else {
        chars += first;
      }
    }
    this.pos++;
    return negated ? [...PRINTABLE].filter((c) => !chars.includes(c)).join("") : chars;
  }

  private quantified(node: Node): Repeat {
    const char = this.source[this.pos];
    if (char === "?" || char === "*" || char === "+") {
      this.pos++;
      if (this.source[this.pos] === "?") this.pos++;
      const min = char === "+" ? 1 : 0;
      return { node, min, max: char === "?" ? 1 : min + UNBOUNDED_EXTRA };
    }
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!braces) return { node, min: 1, max: 1 };
    this.pos += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : min + UNBOUNDED_EXTRA;
    return { node, min, max };
  }
}

function emit(node: Node, random: SeededRandom): string {
  if (node.kind === "chars")
    return node.chars.length === 0 ? "" : (node.chars[random.int(0, node.chars.length - 1)] ?? "");
  const branch = random.pick(node.branches);
  let out = "";
  for (const { node: inner, min, max } of branch) {
    const times = random.int(min, max);
    for (let i = 0; i < times; i++) out += emit(inner, random);
  }
  return out;
}

/**
 * A string matching `pattern` (a JSON Schema regular expression), or undefined when the pattern uses
 * features outside the supported subset (lookarounds, back-references, unicode classes) or no attempt
 * matched. The result is always checked against the real `RegExp`.
 */
export function stringForPattern(pattern: string, random: SeededRandom): string | undefined {
  let regex: RegExp;
  let tree: Node;
  try {
    regex = new RegExp(pattern, "u");
    tree = new PatternParser(pattern).parse();
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = emit(tree, random);
    if (regex.test(candidate)) return candidate;
  }
  return undefined;
}
