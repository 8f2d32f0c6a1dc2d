/**
 * Builds the language-service catalogue from the generated component schemas (schemas/ at the repository
 * root, described by schemas/meta.schema.json): JSON Schema bodies annotated with `x-alloy-*` keywords.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ArgumentInfo, BlockInfo, Catalog, ComponentInfo, ExportInfo, FunctionInfo } from "./catalog.js";

/** The subset of a schema node the catalogue reads. */
export interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly "x-alloy-kind"?: string;
  readonly "x-alloy-type"?: string;
  readonly "x-alloy-repeat"?: string;
  readonly "x-alloy-exports"?: Readonly<Record<string, SchemaNode>>;
  readonly "x-alloy"?: { readonly name: string; readonly kind: string; readonly label: string; readonly stability?: string };
}

/** Where schemas come from: the validator's registry has this shape, and so does a plain directory. */
export interface SchemaSource {
  listComponents(): readonly { name: string }[];
  listBlocks(): readonly { name: string }[];
  getComponent(name: string): SchemaNode | undefined;
  getBlock(name: string): SchemaNode | undefined;
}

/** Reads schemas/index.json and the files it lists from a directory, lazily. */
export function directorySchemaSource(dir: string): SchemaSource {
  const read = <T>(file: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
    } catch {
      return undefined;
    }
  };
  type Entry = { name: string; file: string };
  const index = read<{ components?: Entry[]; blocks?: Entry[] }>("index.json") ?? {};
  const components = new Map((index.components ?? []).map((e) => [e.name, e] as const));
  const blocks = new Map((index.blocks ?? []).map((e) => [e.name, e] as const));
  const cache = new Map<string, SchemaNode | undefined>();
  const load = (e: Entry | undefined): SchemaNode | undefined => {
    if (!e) return undefined;
    if (!cache.has(e.file)) cache.set(e.file, read<SchemaNode>(e.file));
    return cache.get(e.file);
  };
  return {
    listComponents: () => [...components.values()],
    listBlocks: () => [...blocks.values()],
    getComponent: (name) => load(components.get(name)),
    getBlock: (name) => load(blocks.get(name)),
  };
}

/**
 * The schemas directory: `ALLOY_SCHEMAS_DIR`, else the first `schemas/index.json` found walking up from this
 * module (source tree, dist/ and the CLI bundle all live below the repository root).
 */
export function locateSchemas(): string | undefined {
  const env = process.env.ALLOY_SCHEMAS_DIR;
  if (env && existsSync(path.join(env, "index.json"))) return env;
  const starts: string[] = [];
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // CommonJS bundles have no import.meta.url; the process's entry point is the next best anchor.
  }
  if (process.argv[1]) starts.push(path.dirname(path.resolve(process.argv[1])));
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = path.join(dir, "schemas");
      if (existsSync(path.join(candidate, "index.json"))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/** Alloy source text of a JSON default value. */
export function alloyLiteral(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(alloyLiteral).join(", ")}]`;
  if (typeof v === "object") {
    const fields = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${/^[A-Za-z_]\w*$/.test(k) ? k : JSON.stringify(k)} = ${alloyLiteral(x)}`);
    return fields.length ? `{ ${fields.join(", ")} }` : "{}";
  }
  return String(v);
}

/** Nesting limit for recursive block definitions. */
const MAX_DEPTH = 10;

function deref(node: SchemaNode, root: SchemaNode): SchemaNode {
  let n = node;
  for (let i = 0; i < 16 && n.$ref; i++) {
    const target = root.$defs?.[n.$ref.replace(/^#\/\$defs\//, "")];
    const { $ref: _drop, ...rest } = n;
    n = target ? { ...target, ...rest } : rest;
  }
  return n;
}

function members(body: SchemaNode, root: SchemaNode, depth: number): { arguments: ArgumentInfo[]; blocks: BlockInfo[] } {
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
export function componentFromSchema(name: string, schema: SchemaNode): ComponentInfo {
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
