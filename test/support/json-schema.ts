/**
 * JSON Schema tooling for the tests, over ajv (draft 2020-12): compile the generated component schemas, check them against
 * schemas/meta.schema.json, or check configuration data shaped as JSON.
 */
import Ajv2020Module from "ajv/dist/2020.js";

type AjvInstance = import("ajv/dist/2020.js").default;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (opts: object) => AjvInstance;

/** A validator for one schema: returns the list of error texts (empty = valid). */
export type SchemaValidator = (data: unknown) => string[];

/** Creates an ajv instance that accepts the `x-alloy-*` annotation keywords. */
export function createAjv(): AjvInstance {
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
}

/** Compiles a schema; throws when the schema itself is invalid (caller's bug, not user input). */
export function compileSchema(schema: object): SchemaValidator {
  const fn = createAjv().compile(schema);
  return (data) => (fn(data) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`));
}
