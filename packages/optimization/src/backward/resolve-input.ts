import type { GraphNode } from "@weft/tracing";
import { structureRefs } from "@weft/tracing";

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * The refs (node ids or `param:` refs) an input-feedback key of `node` stands for (plait-spec 9.5, with its
 * fix for positional keys): `"0"` or `"arg_0"` is the first argument; `"prompt"` the prompt of an LLM call;
 * another name a field of the first argument when it is an object; otherwise, when the node has exactly one
 * argument, that argument. An argument that is a structure gives every ref in it. `[]` when nothing matches
 * (the feedback is dropped).
 */
export function resolveInputRefs(node: GraphNode, key: string): string[] {
  const position = /^(?:arg_)?(\d+)$/.exec(key);
  if (position) {
    const index = Number(position[1]);
    return index < node.args.length ? structureRefs(node.args[index]) : [];
  }
  if (key === "prompt" && node.kind === "llm") return structureRefs(node.args[0]);
  const first = node.args[0];
  if (isPlain(first) && key in first) return structureRefs(first[key]);
  if (node.args.length === 1) return structureRefs(first);
  return [];
}

/** The resolved inputs of a recorded node keyed by position (`"0"`, `"1"`), from the record's `arg_<i>` keys. */
export function positionalInputs(
  recorded: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(recorded ?? {})) {
    const position = /^(?:arg_)?(\d+)$/.exec(key);
    inputs[position ? (position[1] as string) : key] = value;
  }
  return inputs;
}
