/** A JSON Schema (draft 2020-12 subset) as plain data. The spec carries schemas, never validators. */
export interface JSONSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JSONSchema>>;
  readonly required?: readonly string[];
  readonly items?: JSONSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JSONSchema[];
  readonly oneOf?: readonly JSONSchema[];
  readonly allOf?: readonly JSONSchema[];
  readonly additionalProperties?: boolean | JSONSchema;
  readonly description?: string;
  readonly format?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JSONSchema>>;
  readonly [keyword: string]: unknown;
}
