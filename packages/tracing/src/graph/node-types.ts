import type { AccessKind, LeafModule, LLMInference, OpExecutor, Value, ValueKind } from "@weft/core";
import type { z } from "zod";
import type { GraphTemplate } from "./graph-template.js";

/**
 * What a node does, and so what an executor must do with it (design_docs/tracing.md has the full contract):
 * - `input`: a bound input (or a `map` element / index); its value is given, nothing runs;
 * - `llm`: one `LLMInference` call through the resources (the prompt is `args[0]`);
 * - `leaf`: one `LeafModule` run on the resolved args (`runLeaf`);
 * - `op`: an `F.*` op, `access`: `get` / `at` / `keys` / `values` / `entries`, `render`: a `prompt`
 *   template; all three run `execute(...resolvedArgs)`;
 * - `map`: dynamic fan-out: instantiate `template` once per element of the resolved list (`args[0]`);
 * - `route`: `execute(resolvedKey)` names the branch to take; nodes guarded by the other branches are
 *   skipped;
 * - `join`: the output of the branch its route took.
 */
export type NodeKind = "input" | "llm" | "leaf" | "op" | "access" | "render" | "map" | "route" | "join";

/** A node recorded inside a `route` / `when` branch runs only when the route takes that branch. */
export interface Guard {
  /** Id of the `route` node that decides. */
  readonly route: string;
  /** The branch this node belongs to. */
  readonly branch: string;
}

/** Fields every node has. */
export interface NodeBase {
  /** Unique in its graph: `input:input_0`, `LLMInference_3`, `concat_4`, `map_5[*].get_1` in a template. */
  readonly id: string;
  readonly kind: NodeKind;
  /** What to show: the class name, `F.concat`, `.get("text")`, `prompt`, `Input(input_0)`, ... */
  readonly label: string;
  /**
   * For `llm` / `leaf` nodes the dotted path of the module under the traced root (`analyzer.summarize`,
   * `""` for the root itself); for other nodes the path of the composite whose `forward()` recorded them.
   * `null` when the module is not registered in the root's module tree.
   */
  readonly modulePath: string | null;
  /**
   * The arguments with their structure kept: arrays stay arrays, objects keep their keys, every traced
   * Value is a `ValueRef`, literals stay as they were (a Value without ref, or raw data).
   */
  readonly args: readonly unknown[];
  /**
   * Refs this node waits for, de-duplicated, first-seen order: node ids, `param:` refs (resolved from the
   * graph's parameters; never scheduled), and the guarding route's id. In a template, refs outside the
   * template (captures) too.
   */
  readonly dependencies: readonly string[];
  /** Scheduling priority; lower runs first among ready nodes. Default 0 (set with `withPriority`). */
  readonly priority: number;
  /** The innermost route branch this node belongs to, or `null`. */
  readonly guard: Guard | null;
  /** The kind of the placeholder Value tracing returned for it (the kind expected at execution). */
  readonly resultKind: ValueKind;
}

/** A bound input: `input:input_0`, or a map template's `element` / `index`. */
export interface InputNode extends NodeBase {
  readonly kind: "input";
  /** `input_0`, `input_text`, `element`, `index`. */
  readonly name: string;
  /** The Value bound when tracing (absent in templates and in loaded graphs). Not part of the hash. */
  readonly value: Value | undefined;
}

/** Fields of module nodes. */
interface ModuleNodeBase extends NodeBase {
  /** The module's class name (kept when the module itself is not, for example in a loaded graph). */
  readonly className: string;
  /** Refs (`param:...`) of the module's own parameters (not its children's), for backward and checkpoints. */
  readonly parameterRefs: readonly string[];
  /** The module's declared `inputSchema` (checked against `args[0]`), if any. */
  readonly inputSchema: z.ZodType | undefined;
  /** The module's declared `outputSchema`, if any. */
  readonly outputSchema: z.ZodType | undefined;
  /** JSON Schemas of a loaded graph's node (a live node converts its zod schemas on demand). */
  readonly jsonSchemas?: { readonly input?: unknown; readonly output?: unknown };
  /** Canonical configuration of a loaded node (a live node reads its module). */
  readonly config?: unknown;
}

/** One `LLMInference` call. `args[0]` is the prompt. */
export interface LLMNode extends ModuleNodeBase {
  readonly kind: "llm";
  /** `null` in a loaded graph without a module tree to re-attach. */
  readonly module: LLMInference<z.ZodType | undefined> | null;
}

/** One `LeafModule` call (not an LLMInference). */
export interface LeafNode extends ModuleNodeBase {
  readonly kind: "leaf";
  /** `null` in a loaded graph without a module tree to re-attach. */
  readonly module: LeafModule | null;
}

/** An `F.*` op on traced Values. */
export interface OpNode extends NodeBase {
  readonly kind: "op";
  /** `F.concat`, `F.render`, ... */
  readonly op: string;
  /** The pure op: call it with `args` resolved (every ValueRef replaced by its Value). */
  readonly execute: OpExecutor;
}

/** `get(key)`, `at(index)`, `keys()`, `values()` or `entries()` on a traced Value (`args[0]`). */
export interface AccessNode extends NodeBase {
  readonly kind: "access";
  readonly access: AccessKind;
  /** The key of `get` or the index of `at`; `null` for the others. */
  readonly key: string | number | null;
  /** `accessValue(resolved, access, key)`. */
  readonly execute: OpExecutor;
}

/** A `prompt` template; `args` are the interpolated values. */
export interface RenderNode extends NodeBase {
  readonly kind: "render";
  /** The literal parts; one more than `args`. */
  readonly strings: readonly string[];
  /** `renderPrompt(strings, resolvedArgs)`. */
  readonly execute: OpExecutor;
}

/** Dynamic fan-out over the list `args[0]`, whose length is known only at execution. */
export interface MapNode extends NodeBase {
  readonly kind: "map";
  /** The body, traced once on an element placeholder; instantiate it per element. */
  readonly template: GraphTemplate;
}

/** Chooses a branch at execution from `args[0]`. */
export interface RouteNode extends NodeBase {
  readonly kind: "route";
  /** `key`: the branch named by the key (`route`); `truthy`: `then` or `otherwise` (`when`). */
  readonly selector: "key" | "truthy";
  /** Branch names, in declaration order. */
  readonly branches: readonly string[];
  /** The branch taken when the key names none (`route` only), or `null`. */
  readonly fallback: string | null;
  /** Resolved key → TEXT Value naming the branch, or an ERROR Value (then no branch runs). */
  readonly execute: OpExecutor;
}

/** The output of a route: the structure of the branch it took. */
export interface JoinNode extends NodeBase {
  readonly kind: "join";
  /** Id of the route node. */
  readonly route: string;
  /** Per branch, the output structure (ValueRefs where Values were). */
  readonly branchOutputs: Readonly<Record<string, unknown>>;
}

/** A node of an {@link InferenceGraph} or a {@link GraphTemplate}. */
export type GraphNode =
  | InputNode
  | LLMNode
  | LeafNode
  | OpNode
  | AccessNode
  | RenderNode
  | MapNode
  | RouteNode
  | JoinNode;

/** `llm` and `leaf` nodes. */
export type ModuleNode = LLMNode | LeafNode;

/** Nodes an executor runs with `execute(...resolvedArgs)`: `op`, `access`, `render`, `route`. */
export type ComputeNode = OpNode | AccessNode | RenderNode | RouteNode;

/** Whether `node` is an `llm` or `leaf` node. */
export function isModuleNode(node: GraphNode): node is ModuleNode {
  return node.kind === "llm" || node.kind === "leaf";
}

/** Whether `node` runs through `execute(...resolvedArgs)`. */
export function isComputeNode(node: GraphNode): node is ComputeNode {
  return node.kind === "op" || node.kind === "access" || node.kind === "render" || node.kind === "route";
}
