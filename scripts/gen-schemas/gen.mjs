#!/usr/bin/env node
/**
 * Generates schemas/ (one JSON Schema per Alloy component and config block) from an upstream grafana/alloy
 * source tree: a checkout or a git mirror.
 *
 *   node scripts/gen-schemas/gen.mjs <upstream checkout or git dir> [--out schemas]
 *
 * Facts taken from upstream: component names, stability levels, community flags, argument and export structs
 * (names, Alloy types, required/optional, block kinds, labels, enumerations, defaults) from the Go sources, and
 * from the reference documentation (docs/sources/reference, Apache-2.0): the telemetry signals each
 * `otelcol.Consumer` input accepts, the first sentence of each page, argument and block description, and the
 * defaults the pages document where the Go sources give none. Only first sentences are kept, never whole pages;
 * a component or block the page does not introduce keeps a description written by this script from the facts.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSource } from "./go-source.mjs";
import { SchemaBuilder, indexPackages, dirOfImport } from "./go-types.mjs";
import { signalsFromDocs } from "./docs.mjs";
import { pageOf, readPage } from "./docs-tables.mjs";
import { applyPage, countProperties, newStats } from "./enrich.mjs";

const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
const ID_BASE = "https://alloy-ts.dev/schemas/";

const STABILITY = {
  StabilityGenerallyAvailable: "generally-available",
  StabilityPublicPreview: "public-preview",
  StabilityExperimental: "experimental",
  StabilityUndefined: "undefined",
};

/** Config blocks and services: block name → Go struct (directory, type) and how the block behaves. */
const CONFIG_BLOCKS = [
  { name: "logging", dir: "internal/runtime/logging", type: "Options", kind: "config", label: "none", rootOnly: true },
  { name: "tracing", dir: "internal/runtime/tracing", type: "Options", kind: "config", label: "none", rootOnly: true },
  { name: "argument", dir: "internal/nodeconf/argument", type: "Arguments", kind: "config", label: "required", moduleOnly: true, exports: { value: { "x-alloy-type": "any" } } },
  { name: "export", dir: "internal/nodeconf/export", type: "Arguments", kind: "config", label: "required", moduleOnly: true },
  { name: "foreach", dir: "internal/nodeconf/foreach", type: "Arguments", kind: "config", label: "required", stability: "experimental", template: true },
  { name: "import.file", dir: "internal/nodeconf/importsource", type: "FileArguments", kind: "config", label: "required" },
  { name: "import.string", dir: "internal/nodeconf/importsource", type: "StringArguments", kind: "config", label: "required" },
  { name: "import.http", dir: "internal/nodeconf/importsource", type: "HTTPArguments", kind: "config", label: "required" },
  { name: "import.git", dir: "internal/nodeconf/importsource", type: "GitArguments", kind: "config", label: "required" },
  { name: "http", dir: "internal/service/http", type: "Arguments", kind: "service", label: "none", rootOnly: true },
  { name: "remotecfg", dir: "internal/service/remotecfg", type: "Arguments", kind: "service", label: "none", rootOnly: true },
  { name: "livedebugging", dir: "internal/service/livedebugging", type: "Arguments", kind: "service", label: "none", rootOnly: true },
  { name: "labelstore", dir: "internal/service/labelstore", type: "Arguments", kind: "service", label: "none", rootOnly: true },
  { name: "cluster", kind: "service", configurable: false },
  { name: "otel", kind: "service", configurable: false },
  { name: "ui", kind: "service", configurable: false },
];

function main(argv) {
  const args = argv.slice(2);
  const outIdx = args.indexOf("--out");
  const out = outIdx >= 0 ? args[outIdx + 1] : path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../schemas");
  const root = args.find((a, i) => !a.startsWith("--") && (outIdx < 0 || i !== outIdx + 1));
  if (!root) {
    console.error("usage: gen.mjs <upstream checkout or git dir> [--out DIR]");
    process.exit(2);
  }
  const src = openSource(root);
  const pkgs = indexPackages(src, ["internal/", "syntax/alloytypes/"]);
  const builder = new SchemaBuilder(pkgs);

  const components = [];
  for (const pkg of pkgs.values()) {
    if (!pkg.dir.startsWith("internal/component/")) continue;
    for (const reg of pkg.registrations) {
      const c = componentSchema(builder, pkg, reg, src);
      if (!c) continue;
      // Platform variants register the same name twice (e.g. a stub for other OSes): keep the richer one.
      const prev = components.findIndex((x) => x.title === c.title);
      if (prev < 0) components.push(c);
      else if (JSON.stringify(c).length > JSON.stringify(components[prev]).length) components[prev] = c;
    }
  }
  components.sort((a, b) => (a.title < b.title ? -1 : 1));
  const blocks = CONFIG_BLOCKS.map((cb) => configBlockSchema(builder, pkgs, cb));
  blocks.push(declareSchema());

  const before = { properties: 0, described: 0, defaults: 0 };
  const after = { properties: 0, described: 0, defaults: 0 };
  const stats = newStats();
  for (const s of [...components, ...blocks]) {
    const c0 = countProperties(s);
    for (const k of Object.keys(before)) before[k] += c0[k];
    const file = pageOf(src, s.title, s["x-alloy"].kind);
    const page = file && readPage(src, file);
    if (page) {
      stats.pages++;
      applyPage(s, page, stats);
      s["x-alloy-docs"] = file;
    } else stats.noPage.push(s.title);
    const c1 = countProperties(s);
    for (const k of Object.keys(after)) after[k] += c1[k];
  }

  rmSync(path.join(out, "components"), { recursive: true, force: true });
  rmSync(path.join(out, "blocks"), { recursive: true, force: true });
  mkdirSync(path.join(out, "components"), { recursive: true });
  mkdirSync(path.join(out, "blocks"), { recursive: true });
  const index = {
    upstream: {
      repository: "github.com/grafana/alloy",
      revision: src.revision,
      documentation: {
        path: "docs/sources/reference",
        license: "Apache-2.0",
        notice: "description texts are the first sentences of upstream's reference documentation (Copyright Grafana Labs, Apache License 2.0); x-alloy-docs names the page each schema's texts come from",
      },
    },
    components: [],
    blocks: [],
  };
  for (const c of components) {
    writeFileSync(path.join(out, "components", `${c.title}.json`), JSON.stringify(c, null, 1) + "\n");
    index.components.push(indexEntry(c, `components/${c.title}.json`));
  }
  for (const b of blocks) {
    writeFileSync(path.join(out, "blocks", `${b.title}.json`), JSON.stringify(b, null, 1) + "\n");
    index.blocks.push(indexEntry(b, `blocks/${b.title}.json`));
  }
  writeFileSync(path.join(out, "index.json"), JSON.stringify(index, null, 1) + "\n");
  console.log(`wrote ${components.length} component schemas and ${blocks.length} block schemas to ${out}`);
  console.log(`reference pages read: ${stats.pages}; without a page: ${stats.noPage.join(", ") || "none"}`);
  console.log(`properties: ${after.properties}; with a description: ${before.described} -> ${after.described}; with a default: ${before.defaults} -> ${after.defaults}`);
  console.log(`documented defaults: ${stats.documented}; missing from the Go sources: ${stats.missingBefore}; taken from the pages: ${stats.defaultsFromDocs}; still missing: ${stats.unusable.length}`);
  if (process.argv.includes("--verbose")) {
    for (const u of stats.unusable) console.log(`  no default taken: ${u.schema} ${u.attr} = ${u.docs}`);
    for (const c of stats.conflicts) console.log(`  page and source differ: ${c.schema} ${c.attr}: source ${JSON.stringify(c.source)}, page ${JSON.stringify(c.docs)}`);
  }
  console.log(`defaults where the page and the Go sources differ (source kept): ${stats.conflicts.length}`);
}

function indexEntry(s, file) {
  const a = s["x-alloy"];
  return { name: s.title, kind: a.kind, stability: a.stability, community: a.community || undefined, file };
}

function tokText(toks) {
  return (toks ?? []).map((t) => t.v).join("");
}

function componentSchema(builder, pkg, reg, src) {
  const f = reg.fields;
  let nameTok = f.get("Name");
  // The name may be a package-level constant (`Name: name`).
  if (nameTok?.length === 1 && nameTok[0].t === "ident") nameTok = pkg.vars.get(nameTok[0].v)?.value;
  if (!nameTok || nameTok.length !== 1 || nameTok[0].t !== "string") return undefined;
  const name = JSON.parse(nameTok[0].v);
  const stability = STABILITY[tokText(f.get("Stability")).replace(/^featuregate\./, "")] ?? "undefined";
  const community = tokText(f.get("Community")) === "true";
  const ctx = { dir: reg.dir, imports: reg.imports };
  builder.reset();
  const args = typeFromLiteral(builder, f.get("Args"), ctx);
  const exports = typeFromLiteral(builder, f.get("Exports"), ctx);
  const body = args ?? { type: "object", properties: {}, additionalProperties: false };
  const exportProps = exports?.properties ?? {};
  const signals = signalsFromGo(pkg) ?? signalsFromDocs(src, name);
  for (const [en, ex] of Object.entries(exportProps)) {
    delete ex["x-alloy-kind"];
    if (ex["x-alloy-capsule"] === "otelcol.Consumer") ex["x-alloy-signals"] = signals ?? ["metrics", "logs", "traces"];
  }
  markSignals(body, builder.defs);
  const schema = {
    $schema: SCHEMA_DIALECT,
    $id: `${ID_BASE}components/${name}.json`,
    title: name,
    description: describe(name, stability, body, exportProps),
    "x-alloy": { kind: "component", name, namespace: name.split(".")[0], stability, community, label: "required" },
    ...body,
    "x-alloy-exports": exportProps,
  };
  if (Object.keys(builder.defs).length) schema.$defs = builder.defs;
  return schema;
}

/**
 * Signals an otelcol exporter accepts, from the `exporter.Type*` flags its package passes to the exporter
 * builder (the union when it depends on configuration, e.g. the load-balancing routing key).
 */
function signalsFromGo(pkg) {
  const found = new Set();
  const scan = (toks) => {
    for (let i = 0; i + 2 < toks.length; i++) {
      if (toks[i].v === "exporter" && toks[i + 1].v === ".") {
        const m = /^Type(Logs|Metrics|Traces|All)$/.exec(toks[i + 2].v);
        if (m?.[1] === "All") ["logs", "metrics", "traces"].forEach((x) => found.add(x));
        else if (m) found.add(m[1].toLowerCase());
      }
    }
  };
  for (const r of pkg.registrations) for (const v of r.fields.values()) scan(v);
  for (const ms of pkg.methods.values()) for (const m of ms) scan(m.body);
  if (!found.size) return undefined;
  return ["metrics", "logs", "traces"].filter((s) => found.has(s));
}

/** Resolves `Arguments{}` / `pkg.Arguments{}` / `struct{}{}` in a registration to a struct body. */
function typeFromLiteral(builder, toks, ctx) {
  if (!toks || !toks.length) return undefined;
  const text = tokText(toks);
  if (text === "nil") return undefined;
  if (text.startsWith("struct{}")) return { type: "object", properties: {}, additionalProperties: false };
  const m = /^&?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)(?:\[.*\])?\{/.exec(text);
  if (!m) return undefined;
  const s = builder.structOf({ k: "named", name: m[1] }, ctx);
  if (!s) return undefined;
  const key = s.key;
  const id = builder.def(key, s.type, s.ctx, s.pkg, s.decl);
  // Inline the top-level struct instead of referencing it.
  const body = builder.defs[id];
  delete builder.defs[id];
  return body;
}

/** Marks `otelcol.Consumer` list attributes named after a signal with the signal they carry. */
function markSignals(body, defs) {
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      if ((k === "metrics" || k === "logs" || k === "traces") && v?.items?.["x-alloy-capsule"] === "otelcol.Consumer") v["x-alloy-signal"] = k;
      if (v?.items) visit(v.items);
      visit(v);
    }
  };
  visit(body);
  for (const d of Object.values(defs)) visit(d);
}

function describe(name, stability, body, exportProps) {
  const attrs = Object.entries(body.properties ?? {});
  const req = new Set(body.required ?? []);
  const nAttr = attrs.filter(([, v]) => v["x-alloy-kind"] === "attr").length;
  const nBlock = attrs.length - nAttr;
  const reqNames = attrs.filter(([k]) => req.has(k)).map(([k]) => k);
  const ex = Object.entries(exportProps).map(([k, v]) => `${k} (${v["x-alloy-type"] ?? "any"})`);
  const parts = [`The ${name} component (${stability}).`];
  parts.push(`It takes ${nAttr} argument${nAttr === 1 ? "" : "s"} and ${nBlock} block${nBlock === 1 ? "" : "s"}` + (reqNames.length ? `; required: ${reqNames.join(", ")}.` : "; none is required."));
  parts.push(ex.length ? `Exports: ${ex.join(", ")}.` : "It exports nothing.");
  return parts.join(" ");
}

function configBlockSchema(builder, pkgs, cb) {
  builder.reset();
  let body = { type: "object", properties: {}, additionalProperties: false };
  if (cb.dir) {
    const pkg = pkgs.get(cb.dir);
    const decl = pkg?.types.get(cb.type);
    if (!decl) throw new Error(`config block ${cb.name}: ${cb.dir}.${cb.type} not found upstream`);
    const id = builder.def(`${cb.dir}.${cb.type}`, decl.type, { dir: decl.dir, imports: decl.imports }, pkg, decl);
    body = builder.defs[id];
    delete builder.defs[id];
  }
  if (cb.template) {
    body.properties.template = { "x-alloy-kind": "block", "x-alloy-repeat": "single", "x-alloy-template": true, type: "object" };
    body.required = [...(body.required ?? []), "template"];
  }
  markSignals(body, builder.defs);
  if (cb.name === "tracing" && body.properties.write_to) body.properties.write_to["x-alloy-signal"] = "traces";
  if (cb.name === "logging" && body.properties.write_to) body.properties.write_to["x-alloy-signal"] = "logs";
  const meta = { kind: cb.kind, name: cb.name, stability: cb.stability ?? "generally-available", label: cb.label ?? "none" };
  if (cb.configurable === false) meta.configurable = false;
  if (cb.rootOnly) meta.rootOnly = true;
  if (cb.moduleOnly) meta.moduleOnly = true;
  const schema = {
    $schema: SCHEMA_DIALECT,
    $id: `${ID_BASE}blocks/${cb.name}.json`,
    title: cb.name,
    description:
      cb.configurable === false
        ? `The ${cb.name} service exists but takes no configuration block.`
        : `The ${cb.name} ${cb.kind === "service" ? "service" : "configuration"} block.`,
    "x-alloy": meta,
    ...body,
    "x-alloy-exports": cb.exports ?? {},
  };
  if (Object.keys(builder.defs).length) schema.$defs = builder.defs;
  return schema;
}

/** `declare` has no Go struct: its body is a module definition (syntax spec 8.2). */
function declareSchema() {
  return {
    $schema: SCHEMA_DIALECT,
    $id: `${ID_BASE}blocks/declare.json`,
    title: "declare",
    description: "Defines a custom component whose body holds argument, export, declare, import and component blocks.",
    "x-alloy": { kind: "config", name: "declare", stability: "generally-available", label: "required", module: true },
    type: "object",
    properties: {},
    additionalProperties: true,
    "x-alloy-exports": {},
  };
}

void dirOfImport;
void readdirSync;
main(process.argv);
