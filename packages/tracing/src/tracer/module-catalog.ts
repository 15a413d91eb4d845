import { inputSchemaOf, isLLMInference, type Module, outputSchemaOf, ValueKind } from "@weft/core";
import type { z } from "zod";
import type { Encoder } from "./encode.js";
import { kindOfSchema } from "./kind-of-schema.js";

/** What a module node records about its module; read once per module per trace. @internal */
export interface ModuleInfo {
  readonly llm: boolean;
  readonly className: string;
  /** Dotted path under the traced root, `""` for the root, `null` when not in the root's tree. */
  readonly path: string | null;
  readonly inputSchema: z.ZodType | undefined;
  readonly outputSchema: z.ZodType | undefined;
  readonly resultKind: ValueKind;
  readonly parameterRefs: readonly string[];
}

/** Module facts for one trace, cached: modules are Proxies, and a module is often called many times. @internal */
export class ModuleCatalog {
  readonly #root: Module;
  readonly #encoder: Encoder;
  readonly #infos = new Map<Module, ModuleInfo>();
  #paths: Map<Module, string> | undefined;

  constructor(root: Module, encoder: Encoder) {
    this.#root = root;
    this.#encoder = encoder;
  }

  pathOf(module: Module): string | null {
    if (this.#paths === undefined) {
      this.#paths = new Map();
      for (const [path, child] of this.#root.namedModules()) this.#paths.set(child, path);
    }
    return this.#paths.get(module) ?? null;
  }

  /** Facts of a leaf module (LLMInference or LeafModule). */
  info(module: Module): ModuleInfo {
    let info = this.#infos.get(module);
    if (info === undefined) {
      const llm = isLLMInference(module);
      const outputSchema = outputSchemaOf(module);
      info = {
        llm,
        className: module.constructor.name,
        path: this.pathOf(module),
        inputSchema: inputSchemaOf(module),
        outputSchema,
        resultKind: llm ? (outputSchema ? ValueKind.STRUCTURED : ValueKind.TEXT) : kindOfSchema(outputSchema),
        parameterRefs: module
          .directParameters()
          .map((parameter) => this.#encoder.lift(parameter).ref as string),
      };
      this.#infos.set(module, info);
    }
    return info;
  }
}
