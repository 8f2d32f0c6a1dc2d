/**
 * The component registry: generated JSON Schemas (schemas/ at the repository root) loaded on demand.
 * Every component, config block and service has one schema file; `index.json` lists them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { compileRule, type CompiledRule, type RuleData, type RuleIndex } from "./rules/engine.js";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Stability = "experimental" | "public-preview" | "generally-available" | "undefined";

/** A JSON Schema fragment with Alloy annotations (see schemas/meta.schema.json). */
export interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly default?: unknown;
  readonly $ref?: string;
  readonly "x-alloy-kind"?: "attr" | "block";
  readonly "x-alloy-type"?: string;
  readonly "x-alloy-repeat"?: "single" | "multiple" | "fixed";
  readonly "x-alloy-count"?: number;
  readonly "x-alloy-enum"?: string;
  readonly "x-alloy-template"?: boolean;
  readonly "x-alloy-map-block"?: boolean;
  readonly "x-alloy-label"?: boolean;
  readonly "x-alloy-capsule"?: string;
  readonly "x-alloy-convertible"?: boolean;
  readonly "x-alloy-convert-error"?: string;
  readonly "x-alloy-secret"?: true | "optional";
  readonly "x-alloy-function"?: boolean;
  readonly "x-alloy-signal"?: Signal;
  readonly "x-alloy-signals"?: readonly Signal[];
  readonly "x-alloy-enum-error"?: string;
  readonly "x-alloy-enum-case-insensitive"?: boolean;
  readonly "x-alloy-embeds"?: readonly string[];
}

export type Signal = "metrics" | "logs" | "traces";

export interface SchemaMeta {
  readonly kind: "component" | "config" | "service";
  readonly name: string;
  readonly namespace?: string;
  readonly stability: Stability;
  readonly community?: boolean;
  readonly label: "required" | "none";
  readonly configurable?: boolean;
  readonly rootOnly?: boolean;
  readonly moduleOnly?: boolean;
  readonly module?: boolean;
}

/** One generated schema file: the body schema of a component or config block. */
export interface ComponentSchema extends SchemaNode {
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly "x-alloy": SchemaMeta;
  readonly "x-alloy-exports": Readonly<Record<string, SchemaNode>>;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

/** Summary of a registry entry. */
export interface ComponentSummary {
  readonly name: string;
  readonly kind: SchemaMeta["kind"];
  readonly stability: Stability;
  readonly community?: boolean;
  readonly file: string;
}

interface SchemaIndex {
  readonly upstream: { readonly repository: string; readonly revision: string };
  readonly components: ComponentSummary[];
  readonly blocks: ComponentSummary[];
}

/** Finds schemas/ by walking up from this module (works from src/, dist/ and the CLI bundle). */
function locateSchemas(): string | undefined {
  const env = process.env.ALLOY_SCHEMAS_DIR;
  if (env && existsSync(path.join(env, "index.json"))) return env;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "schemas");
    if (existsSync(path.join(candidate, "index.json"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Loads schemas lazily from a schemas/ directory. */
export class Registry {
  private index: SchemaIndex | undefined;
  private readonly cache = new Map<string, ComponentSchema | undefined>();
  private componentsByName: Map<string, ComponentSummary> | undefined;
  private blocksByName: Map<string, ComponentSummary> | undefined;

  private ruleIndex: (RuleIndex & { readonly all: readonly CompiledRule[] }) | undefined;

  constructor(readonly dir: string | undefined = locateSchemas()) {}

  /**
   * Component rules of schemas/rules/*.json, by the component, block or Go struct they belong to. A target's rules
   * are compiled when it is first checked: compiling all of them took about a tenth of a small file's validation.
   */
  rules(): RuleIndex & { readonly all: readonly CompiledRule[] } {
    if (this.ruleIndex) return this.ruleIndex;
    const raw = new Map<string, RuleData[]>();
    const sources = new Set<string>();
    const dir = this.dir ? path.join(this.dir, "rules") : undefined;
    if (dir && existsSync(dir)) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
        const data = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { rules: RuleData[] };
        for (const r of data.rules) {
          let list = raw.get(r.on);
          if (!list) raw.set(r.on, (list = []));
          list.push(r);
          sources.add(r.source);
        }
      }
    }
    const compiled = new Map<string, readonly CompiledRule[]>();
    const none: readonly CompiledRule[] = [];
    const rulesFor = (t: string): readonly CompiledRule[] => {
      let list = compiled.get(t);
      if (!list) compiled.set(t, (list = raw.get(t)?.map(compileRule) ?? none));
      return list;
    };
    let all: readonly CompiledRule[] | undefined;
    this.ruleIndex = {
      rulesFor,
      sources,
      get all() {
        return (all ??= [...raw.keys()].flatMap((t) => rulesFor(t)));
      },
    };
    return this.ruleIndex;
  }

  private load(): SchemaIndex {
    if (this.index) return this.index;
    let idx: SchemaIndex = { upstream: { repository: "", revision: "" }, components: [], blocks: [] };
    if (this.dir) {
      try {
        idx = JSON.parse(readFileSync(path.join(this.dir, "index.json"), "utf8")) as SchemaIndex;
      } catch {
        // A missing or unreadable index leaves the registry empty; validation then reports unknown components.
      }
    }
    this.index = idx;
    this.componentsByName = new Map(idx.components.map((c) => [c.name, c]));
    this.blocksByName = new Map(idx.blocks.map((c) => [c.name, c]));
    return idx;
  }

  /** Upstream revision the schemas were generated from. */
  get revision(): string {
    return this.load().upstream.revision;
  }

  listComponents(): ComponentSummary[] {
    return [...this.load().components];
  }

  listBlocks(): ComponentSummary[] {
    return [...this.load().blocks];
  }

  hasComponent(name: string): boolean {
    this.load();
    return this.componentsByName!.has(name);
  }

  getComponent(name: string): ComponentSchema | undefined {
    this.load();
    return this.read(this.componentsByName!.get(name));
  }

  getBlock(name: string): ComponentSchema | undefined {
    this.load();
    return this.read(this.blocksByName!.get(name));
  }

  private read(entry: ComponentSummary | undefined): ComponentSchema | undefined {
    if (!entry || !this.dir) return undefined;
    if (this.cache.has(entry.file)) return this.cache.get(entry.file);
    let schema: ComponentSchema | undefined;
    try {
      schema = JSON.parse(readFileSync(path.join(this.dir, entry.file), "utf8")) as ComponentSchema;
    } catch {
      schema = undefined;
    }
    this.cache.set(entry.file, schema);
    return schema;
  }
}

let defaultRegistry: Registry | undefined;

/** The registry over the repository's generated schemas. */
export function getRegistry(): Registry {
  return (defaultRegistry ??= new Registry());
}

/** Resolves a local `$ref` (`#/$defs/NAME`) against the schema that contains it. */
const derefCache = new WeakMap<SchemaNode, SchemaNode>();

export function deref(node: SchemaNode, root: ComponentSchema): SchemaNode {
  if (!node.$ref) return node;
  const cached = derefCache.get(node);
  if (cached) return cached;
  const resolved = derefUncached(node, root);
  derefCache.set(node, resolved);
  return resolved;
}

function derefUncached(node: SchemaNode, root: ComponentSchema): SchemaNode {
  let n = node;
  for (let i = 0; i < 16 && n.$ref; i++) {
    const name = n.$ref.slice("#/$defs/".length);
    const target = root.$defs?.[name];
    if (!target) return { ...n, $ref: undefined };
    n = { ...target, ...omitRef(n) };
  }
  return n;
}

function omitRef(n: SchemaNode): SchemaNode {
  const { $ref: _ref, ...rest } = n;
  return rest;
}
