import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const BRAND = Symbol.for("weft.error.testing.schema-generation");

/** The value generator met a schema it cannot satisfy (or a `$ref` it cannot resolve) at `path`. */
export class SchemaGenerationError extends WeftError {
  /** JSON pointer of the offending schema position in the generated value. */
  readonly path: string;

  constructor(path: string, message: string) {
    super("schema_generation_failed", `${message} at ${path || "/"}`);
    applyBrand(this, BRAND);
    this.path = path || "/";
  }

  /** True for a SchemaGenerationError from any installed copy of weft. */
  static override is(value: unknown): value is SchemaGenerationError {
    return isSchemaGenerationError(value);
  }
}

const isSchemaGenerationError = brandCheck<SchemaGenerationError>(BRAND);
