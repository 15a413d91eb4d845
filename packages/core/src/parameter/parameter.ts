import { isTracing } from "../dispatch/trace-handler.js";
import { ParameterError } from "../errors/parameter-error.js";
import { TraceError } from "../errors/trace-error.js";
import { moduleStateOf } from "../module/module-state.js";
import { getLink, hierarchicalNameOf } from "../tree/tree-links.js";
import { inferKind } from "../value/infer-kind.js";
import { MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { deepEqual, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { extractActions } from "./extract-actions.js";

/** Options of a {@link Parameter}. */
export interface ParameterOptions {
  /**
   * What the parameter is for, in words an optimizer can act on. Required (non-empty) when `requiresGrad`
   * is true. Default: none.
   */
  readonly description?: string;
  /** Whether optimizers may rewrite it from feedback. Default: `true`. */
  readonly requiresGrad?: boolean;
}

const PARAMETER_BRAND = Symbol.for("weft.parameter");

let assignSilently: <T>(parameter: Parameter<T>, value: T) => void;

/**
 * Module state that an optimizer may learn: a prompt, an instruction, a few-shot list (plait-spec 4).
 * Parameters are state, not data: inside `forward()` they enter the data flow lifted to a Value with ref
 * `param:<hierarchical.name>` (see {@link Parameter.toValue}; `valueify` and `prompt` lift them too).
 *
 * Assign it to a module field and the module registers it under that name; the last assignment wins when
 * one parameter is assigned twice.
 *
 * @example
 * ```ts
 * class Summarizer extends Module {
 *   style = new Parameter("Be concise.", { description: "Style rules for the summary" });
 * }
 * ```
 */
export class Parameter<T = unknown> {
  readonly description: string | null;
  readonly requiresGrad: boolean;
  /** A random 32-hex-digit id, fixed at construction. */
  readonly id: string;
  // Typed unknown so that Parameter<T> is covariant in T (a Parameter<string> is a Parameter).
  #value: unknown;
  #feedback: string[] = [];

  static {
    assignSilently = (parameter, value) => {
      parameter.#value = value;
    };
  }

  constructor(value: T, options: ParameterOptions = {}) {
    const requiresGrad = options.requiresGrad ?? true;
    const description = options.description ?? null;
    if (requiresGrad && (description === null || description.trim() === "")) {
      throw new ParameterError(
        "A learnable Parameter (requiresGrad: true) needs a description: the optimizer uses it to write " +
          "meaningful updates. Pass { description } or { requiresGrad: false }.",
      );
    }
    this.#value = value;
    this.description = description;
    this.requiresGrad = requiresGrad;
    this.id = crypto.randomUUID().replaceAll("-", "");
  }

  /** The current value. Change it with {@link applyUpdate} (or `module.loadStateDict`). */
  get value(): T {
    return this.#value as T;
  }

  /** The attribute (or container key) it was last assigned to; `null` when never assigned. */
  get name(): string | null {
    return getLink(this).name;
  }

  /** The dotted name from the root module, for example `inner.llm.systemPrompt`; `null` when unnamed. */
  get hierarchicalName(): string | null {
    return hierarchicalNameOf(this);
  }

  /** The state version of the module that owns it (through containers), or 0 when unowned. */
  get moduleStateVersion(): number {
    const owner = owningModule(this);
    return owner ? (moduleStateOf(owner)?.stateVersion ?? 0) : 0;
  }

  /**
   * Adds feedback to the buffer. A no-op when `requiresGrad` is false. A Value is flattened into actions
   * (`extractActions`); anything else is appended as `String(feedback)`, even an empty string.
   */
  accumulateFeedback(feedback: unknown): void {
    if (!this.requiresGrad) return;
    if (feedback instanceof Value) this.#feedback.push(...extractActions(feedback));
    else this.#feedback.push(String(feedback));
  }

  /** A copy of the feedback buffer. */
  getAccumulatedFeedback(): string[] {
    return [...this.#feedback];
  }

  /** Clears the feedback buffer only. */
  zeroFeedback(): void {
    this.#feedback = [];
  }

  /** Sets the value, bumps the owning module's state version and clears the feedback buffer. */
  applyUpdate(value: T): void {
    this.#value = value;
    const owner = owningModule(this);
    const state = owner ? moduleStateOf(owner) : undefined;
    if (state) state.stateVersion += 1;
    this.#feedback = [];
  }

  /**
   * The parameter as a Value (plait-spec 4.4): kind TEXT for a string, STRUCTURED for an object or array,
   * else inferred (`kind` overrides); ref `param:<hierarchicalName or id>`; meta `paramName`, `paramId`,
   * `moduleStateVersion`, `requiresGrad`.
   */
  toValue(kind?: ValueKind): Value<T> {
    const value = this.#value as T;
    const inferred =
      typeof value === "string"
        ? ValueKind.TEXT
        : Array.isArray(value) || isPlainObject(value)
          ? ValueKind.STRUCTURED
          : inferKind(value);
    const name = this.hierarchicalName;
    return new Value(kind ?? inferred, value, {
      ref: `param:${name ?? this.id}`,
      meta: {
        [MetaKey.paramName]: name,
        [MetaKey.paramId]: this.id,
        [MetaKey.moduleStateVersion]: this.moduleStateVersion,
        [MetaKey.requiresGrad]: this.requiresGrad,
      },
    });
  }

  /** Equality of value, description and requiresGrad (name, owner, id and feedback are ignored). */
  equals(other: unknown): boolean {
    return (
      other instanceof Parameter &&
      deepEqual(this.#value, other.#value) &&
      this.description === other.description &&
      this.requiresGrad === other.requiresGrad
    );
  }

  /** `String(value)`. Throws a TraceError while tracing: use `prompt` so the dependency is kept. */
  toString(): string {
    if (isTracing()) {
      throw new TraceError(
        "stringified",
        `Cannot convert Parameter "${this.hierarchicalName ?? this.id}" to a string while tracing: the ` +
          `dependency on it would be lost. Interpolate it in prompt\`...\${param}...\` or pass it to a module call.`,
      );
    }
    return String(this.#value);
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

Object.defineProperty(Parameter.prototype, PARAMETER_BRAND, { value: true });

/** Whether `x` is a {@link Parameter} (from any installed copy of weft). */
export function isParameter(x: unknown): x is Parameter {
  return typeof x === "object" && x !== null && PARAMETER_BRAND in x;
}

/** Sets the value with no version bump and no buffer change (what `loadStateDict` does). @internal */
export function setParameterValue<T>(parameter: Parameter<T>, value: T): void {
  assignSilently(parameter, value);
}

/** The module that owns `node`, walking up through parameter containers. @internal */
export function owningModule(node: object): object | undefined {
  const seen = new Set<object>();
  for (
    let parent = getLink(node).parent;
    parent !== null && !seen.has(parent);
    parent = getLink(parent).parent
  ) {
    if (moduleStateOf(parent)) return parent;
    seen.add(parent);
  }
  return undefined;
}
