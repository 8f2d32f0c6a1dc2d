/**
 * The component registry API for tools (language server, `alloy tools`): a flattened, documented view of the
 * schemas.
 */
import { deref, getRegistry, type ComponentSchema, type SchemaNode, type Signal, type Stability } from "./registry.js";

export interface MemberInfo {
  readonly name: string;
  readonly kind: "attribute" | "block";
  /** Alloy type as documented (`list(string)`, `duration`, `otelcol.Consumer`, `block`). */
  readonly type: string;
  readonly required: boolean;
  /** First sentence of upstream's reference documentation, when the page describes it. */
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly string[];
  /** For blocks: `single`, `multiple` or `fixed`. */
  readonly repeat?: string;
  /** For blocks: whether the block takes a label. */
  readonly labelled?: boolean;
  /** Signals an exported `otelcol.Consumer` accepts, or the signal an output attribute carries. */
  readonly signals?: readonly Signal[];
  /** Attributes and blocks of a block. */
  readonly members?: readonly MemberInfo[];
}

export interface ComponentInfo {
  readonly name: string;
  readonly kind: "component" | "config" | "service";
  readonly stability: Stability;
  readonly community: boolean;
  readonly label: "required" | "none";
  readonly description: string;
  readonly arguments: readonly MemberInfo[];
  readonly blocks: readonly MemberInfo[];
  readonly exports: readonly MemberInfo[];
  readonly schema: ComponentSchema;
}

/** Names and metadata of every known component (not config blocks). */
export function listComponents(): { name: string; stability: Stability; community: boolean }[] {
  return getRegistry()
    .listComponents()
    .map((c) => ({ name: c.name, stability: c.stability, community: c.community === true }));
}

/** Full description of a component or config block (`logging`, `import.git`, ...), or undefined. */
export function getComponent(name: string): ComponentInfo | undefined {
  const reg = getRegistry();
  const schema = reg.getComponent(name) ?? reg.getBlock(name);
  if (!schema) return undefined;
  const members = membersOf(schema, schema, 0);
  const meta = schema["x-alloy"];
  return {
    name,
    kind: meta.kind,
    stability: meta.stability,
    community: meta.community === true,
    label: meta.label,
    description: schema.description,
    arguments: members.filter((m) => m.kind === "attribute"),
    blocks: members.filter((m) => m.kind === "block"),
    exports: Object.entries(schema["x-alloy-exports"]).map(([n, s]) => ({
      name: n,
      kind: "attribute" as const,
      type: s["x-alloy-type"] ?? "any",
      required: false,
      ...(s.description ? { description: s.description } : {}),
      ...(s["x-alloy-signals"] ? { signals: s["x-alloy-signals"] } : {}),
    })),
    schema,
  };
}

function membersOf(node: SchemaNode, root: ComponentSchema, depth: number): MemberInfo[] {
  const n = deref(node, root);
  const req = new Set(n.required ?? []);
  const out: MemberInfo[] = [];
  for (const [name, p] of Object.entries(n.properties ?? {})) {
    if (p["x-alloy-kind"] === "block") {
      const item = deref(p["x-alloy-repeat"] === "single" || !p.items ? p : p.items, root);
      out.push({
        name,
        kind: "block",
        type: "block",
        required: req.has(name),
        ...(p.description ? { description: p.description } : {}),
        repeat: p["x-alloy-repeat"],
        labelled: item["x-alloy-label"] === true,
        members: depth < 12 ? membersOf(item, root, depth + 1) : [],
      });
    } else {
      const d = deref(p, root);
      out.push({
        name,
        kind: "attribute",
        type: p["x-alloy-type"] ?? "any",
        required: req.has(name),
        ...(p.description ? { description: p.description } : {}),
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(d.enum ? { enum: d.enum } : {}),
        ...(p["x-alloy-signal"] ? { signals: [p["x-alloy-signal"]] } : {}),
      });
    }
  }
  return out;
}

/** Human-readable reference text of a component (used by `alloy tools describe` and the docs generator). */
export function describeComponent(info: ComponentInfo): string {
  const lines: string[] = [`${info.name} (${info.kind}, ${info.stability}${info.community ? ", community" : ""})`, "", info.description, ""];
  const fmt = (m: MemberInfo, indent: string): void => {
    if (m.kind === "attribute") {
      const extra = [m.required ? "required" : "optional"];
      if (m.default !== undefined) extra.push(`default ${JSON.stringify(m.default)}`);
      if (m.enum) extra.push(`one of ${m.enum.map((x) => JSON.stringify(x)).join(", ")}`);
      if (m.signals) extra.push(`signal ${m.signals.join(", ")}`);
      lines.push(`${indent}${m.name} = ${m.type} (${extra.join("; ")})`);
      if (m.description) lines.push(`${indent}    ${m.description}`);
    } else {
      const r = m.repeat === "multiple" ? ", repeatable" : "";
      lines.push(`${indent}${m.name}${m.labelled ? ' "LABEL"' : ""} { } (${m.required ? "required" : "optional"}${r})`);
      if (m.description) lines.push(`${indent}    ${m.description}`);
      for (const c of m.members ?? []) fmt(c, indent + "  ");
    }
  };
  lines.push("Arguments:");
  if (!info.arguments.length) lines.push("  (none)");
  for (const m of info.arguments) fmt(m, "  ");
  lines.push("", "Blocks:");
  if (!info.blocks.length) lines.push("  (none)");
  for (const m of info.blocks) fmt(m, "  ");
  lines.push("", "Exports:");
  if (!info.exports.length) lines.push("  (none)");
  for (const e of info.exports) {
    lines.push(`  ${e.name} ${e.type}${e.signals ? ` (accepts ${e.signals.join(", ")})` : ""}`);
    if (e.description) lines.push(`      ${e.description}`);
  }
  return lines.join("\n") + "\n";
}
