import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/**
 * Why a graph is invalid or could not be built, loaded or walked:
 * - `cycle`: the dependencies form a cycle (`cycle` holds it, first id repeated at the end);
 * - `unknown_node`: an id that is not a node of the graph was asked for;
 * - `unknown_dependency`: a node depends on a ref that is neither a node nor a `param:` ref;
 * - `duplicate_node`: two nodes share an id;
 * - `invalid_json`: a graph JSON document does not have the documented shape (`path` says where);
 * - `unsupported_version`: a graph JSON document of a format version this package cannot read;
 * - `module_mismatch`: re-attaching modules to a loaded graph found a different class at a module path;
 * - `not_executable`: a loaded node has no way to run (no module re-attached, an op not found).
 */
export type GraphErrorCode =
  | "cycle"
  | "unknown_node"
  | "unknown_dependency"
  | "duplicate_node"
  | "invalid_json"
  | "unsupported_version"
  | "module_mismatch"
  | "not_executable";

/** Extra fields of a {@link GraphError}. */
export interface GraphErrorOptions {
  /** The node ids of a cycle, the first repeated at the end (`cycle` only). */
  readonly cycle?: readonly string[];
  /** The node involved, when there is one. */
  readonly nodeId?: string;
  /** Where in a JSON document the problem is (`invalid_json`), for example `nodes[3].kind`. */
  readonly path?: string;
  readonly cause?: unknown;
}

const GRAPH_ERROR_BRAND = Symbol.for("weft.error.graph");

/** An {@link InferenceGraph} is invalid, or an operation on it failed. `code` says why. */
export class GraphError extends WeftError {
  declare readonly code: GraphErrorCode;
  readonly cycle: readonly string[] | undefined;
  readonly nodeId: string | undefined;
  readonly path: string | undefined;

  constructor(code: GraphErrorCode, message: string, options: GraphErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    applyBrand(this, GRAPH_ERROR_BRAND);
    this.cycle = options.cycle;
    this.nodeId = options.nodeId;
    this.path = options.path;
  }

  /** True for a GraphError from any installed copy of weft. */
  static override is(value: unknown): value is GraphError {
    return isGraphError(value);
  }
}

const isGraphError = brandCheck<GraphError>(GRAPH_ERROR_BRAND);
