/**
 * Builds the language-service catalogue from the generated component schemas (schemas/ at the repository
 * root, described by schemas/meta.schema.json): JSON Schema bodies annotated with `x-alloy-*` keywords. The
 * schemas are found, read and their `$ref`s resolved by the validator's registry; this module only shapes them
 * for the language service.
 */
import { goQuote, objectKeyText } from "@alloy-ts/grammar";
import { deref, type ComponentSchema, type Registry, type SchemaNode } from "@alloy-ts/validator";
import type { ArgumentInfo, BlockInfo, Catalog, ComponentInfo, ExportInfo, FunctionInfo } from "./catalog.js";

/** Where schemas come from: the validator's registry, or anything with the same lookups. */
export type SchemaSource = Pick<Registry, "listComponents" | "listBlocks" | "getComponent" | "getBlock">;

/** Alloy source text of a JSON default value. */
export function alloyLiteral(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(alloyLiteral).join(", ")}]`;
  if (typeof v === "object") {
    const fields = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${objectKeyText(k)} = ${alloyLiteral(x)}`);
    return fields.length ? `{ ${fields.join(", ")} }` : "{}";
  }
  return String(v);
}

/** Nesting limit for recursive block definitions. */
const MAX_DEPTH = 10;

function members(body: SchemaNode, root: ComponentSchema, depth: number): { arguments: ArgumentInfo[]; blocks: BlockInfo[] } {
  const required = new Set(body.required ?? []);
  const args: ArgumentInfo[] = [];
  const blocks: BlockInfo[] = [];
  for (const [name, raw] of Object.entries(body.properties ?? {})) {
    const node = deref(raw, root);
    if (node["x-alloy-kind"] === "block") {
      const inner = depth < MAX_DEPTH ? members(node.type === "array" && node.items ? deref(node.items, root) : node, root, depth + 1) : { arguments: [], blocks: [] };
      blocks.push({
        name,
        required: required.has(name),
        repeatable: node["x-alloy-repeat"] === "multiple",
        description: node.description,
        ...inner,
      });
    } else {
      const values = node.enum ?? node.items?.enum;
      args.push({
        name,
        type: node["x-alloy-type"] ?? node.type ?? "any",
        required: required.has(name),
        default: node.default !== undefined ? alloyLiteral(node.default) : undefined,
        description: node.description,
        enum: values?.filter((x): x is string => typeof x === "string" && x !== ""),
      });
    }
  }
  return { arguments: args, blocks };
}

/** Converts one generated schema into a component description. */
export function componentFromSchema(name: string, schema: ComponentSchema): ComponentInfo {
  const exports: ExportInfo[] = Object.entries(schema["x-alloy-exports"] ?? {}).map(([n, node]) => ({
    name: n,
    type: node["x-alloy-type"] ?? node.type ?? "any",
    description: node.description,
  }));
  return {
    name,
    description: schema.description,
    labelled: schema["x-alloy"] ? schema["x-alloy"].label === "required" : undefined,
    ...members(schema, schema, 0),
    exports,
  };
}

/** A catalogue over a schema source plus a list of functions; component descriptions are built on first use. */
export function catalogFromSchemas(source: SchemaSource, functions: readonly FunctionInfo[]): Catalog {
  const cache = new Map<string, ComponentInfo | undefined>();
  let all: ComponentInfo[] | undefined;
  const fnByName = new Map(functions.map((f) => [f.name, f] as const));
  const component = (name: string): ComponentInfo | undefined => {
    if (cache.has(name)) return cache.get(name);
    let info: ComponentInfo | undefined;
    try {
      const schema = source.getComponent(name) ?? source.getBlock(name);
      info = schema ? componentFromSchema(name, schema) : undefined;
    } catch {
      info = undefined;
    }
    cache.set(name, info);
    return info;
  };
  return {
    components: () =>
      (all ??= [...source.listComponents(), ...source.listBlocks()]
        .map((e) => component(e.name))
        .filter((c): c is ComponentInfo => c !== undefined)),
    component,
    functions: () => functions,
    function: (name) => fnByName.get(name),
  };
}
