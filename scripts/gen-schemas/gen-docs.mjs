#!/usr/bin/env node
/**
 * Generates docs/components/<name>.md (one reference page per component and config block) from schemas/.
 *
 *   node scripts/gen-schemas/gen-docs.mjs [--schemas schemas] [--out docs/components]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const arg = (n, d) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : d);
const schemasDir = arg("--schemas", path.resolve(here, "../../schemas"));
const outDir = arg("--out", path.resolve(here, "../../docs/components"));

const index = JSON.parse(readFileSync(path.join(schemasDir, "index.json"), "utf8"));

function deref(node, root) {
  let n = node;
  for (let i = 0; i < 16 && n && n.$ref; i++) {
    const { $ref, ...rest } = n;
    n = { ...root.$defs?.[$ref.slice("#/$defs/".length)], ...rest };
  }
  return n;
}

/** Component rules (schemas/rules) by the component, block or Go struct they belong to. */
const rulesDir = path.join(schemasDir, "rules");
const rulesByTarget = new Map();
if (existsSync(rulesDir)) {
  for (const f of readdirSync(rulesDir).filter((x) => x.endsWith(".json")).sort()) {
    for (const r of JSON.parse(readFileSync(path.join(rulesDir, f), "utf8")).rules) {
      if (!rulesByTarget.has(r.on)) rulesByTarget.set(r.on, []);
      rulesByTarget.get(r.on).push(r);
    }
  }
}

/** Rules that apply somewhere in a component: its own, and those of every struct it uses or embeds. */
function rulesOf(s) {
  const targets = new Set([s.title, ...(s["x-alloy-embeds"] ?? [])]);
  for (const [k, d] of Object.entries(s.$defs ?? {})) {
    targets.add(k);
    for (const e of d["x-alloy-embeds"] ?? []) targets.add(e);
  }
  return [...targets].flatMap((t) => rulesByTarget.get(t) ?? []);
}

const cell = (s) => String(s).replace(/\|/g, "\\|");

function table(body, root, prefix, out, depth = 0) {
  const b = deref(body, root);
  const req = new Set(b.required ?? []);
  const attrs = Object.entries(b.properties ?? {}).filter(([, p]) => p["x-alloy-kind"] === "attr");
  const blocks = Object.entries(b.properties ?? {}).filter(([, p]) => p["x-alloy-kind"] === "block");
  if (attrs.length) {
    out.push(`| Name | Type | Description | Default | Required |`, `| --- | --- | --- | --- | --- |`);
    for (const [n, p] of attrs) {
      const d = deref(p, root);
      let type = `\`${p["x-alloy-type"] ?? "any"}\``;
      if (d.enum) type += ` (one of ${d.enum.map((x) => `\`"${x}"\``).join(", ")})`;
      const def = p.default !== undefined ? `\`${JSON.stringify(p.default)}\`` : "";
      out.push(`| \`${n}\` | ${cell(type)} | ${cell(p.description ?? "")} | ${cell(def)} | ${req.has(n) ? "yes" : "no"} |`);
    }
    out.push("");
  } else if (depth === 0) out.push("This block takes no arguments.", "");
  for (const [n, p] of blocks) {
    if (depth > 6) break;
    const full = prefix ? `${prefix} > ${n}` : n;
    const repeat = p["x-alloy-repeat"] === "multiple" ? "repeatable" : p["x-alloy-repeat"] === "fixed" ? `exactly ${p["x-alloy-count"]} times` : "at most once";
    out.push(`### ${full}`, "", `Block, ${req.has(n) ? "required" : "optional"}, ${repeat}.${p.description ? ` ${p.description}` : ""}`, "");
    table(p["x-alloy-repeat"] === "single" ? p : (p.items ?? {}), root, full, out, depth + 1);
  }
}

function page(s) {
  const meta = s["x-alloy"];
  const out = [`# ${s.title}`, "", s.description, "", `- Kind: ${meta.kind}`, `- Stability: ${meta.stability}${meta.community ? " (community component)" : ""}`, `- Label: ${meta.label}`, ""];
  out.push("## Arguments", "");
  table(s, s, "", out);
  const exps = Object.entries(s["x-alloy-exports"] ?? {});
  out.push("## Exports", "");
  if (!exps.length) out.push("Nothing is exported.", "");
  else {
    out.push("| Name | Type | Description | Accepts |", "| --- | --- | --- | --- |");
    for (const [n, e] of exps) out.push(`| \`${n}\` | \`${e["x-alloy-type"] ?? "any"}\` | ${cell(e.description ?? "")} | ${(e["x-alloy-signals"] ?? []).join(", ")} |`);
    out.push("");
  }
  const rules = rulesOf(s);
  if (rules.length) {
    out.push("## Rules", "", "Checked by `alloy validate` on literal values, as upstream checks them when the component loads.", "");
    out.push("| Applies to | Error | Upstream |", "| --- | --- | --- |");
    for (const r of rules) out.push(`| ${cell(r.on === s.title ? "component" : r.on.replace(/^.*?\.(?=[^.]+$)/, ""))} | ${cell(r.message)} | \`${cell(r.source)}\` |`);
    out.push("");
  }
  if (s["x-alloy-docs"]) {
    out.push("---", "", `Descriptions are the first sentences of upstream's reference page \`${s["x-alloy-docs"]}\` (grafana/alloy, Apache License 2.0).`, "");
  }
  return out.join("\n");
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const list = [...index.components, ...index.blocks];
for (const entry of list) {
  const s = JSON.parse(readFileSync(path.join(schemasDir, entry.file), "utf8"));
  writeFileSync(path.join(outDir, `${s.title}.md`), page(s));
}
const idx = [
  "# Component reference",
  "",
  `Generated from schemas/ (upstream revision ${index.upstream.revision}).`,
  "",
  "Each page lists the arguments, blocks and exports of a component, and the **rules** `alloy validate` checks:",
  "the errors upstream's `Validate()` methods return when a component loads (enumerations, ranges, fields that",
  "exclude or need each other, comparisons such as `scrape_timeout` against `scrape_interval`) and the regular",
  "expressions Go's RE2 refuses. Rules live in `schemas/rules/*.json`, each with the upstream file and function",
  "it comes from; a rule judges only literal values (a reference or a function call is never guessed at), and",
  "its diagnostic points at the attribute it names, or inside the string at the part of a pattern RE2 rejects.",
  "`node scripts/gen-schemas/rules-coverage.mjs <upstream tree>` prints how many upstream functions are covered",
  "and lists the rest.",
  "",
  "Descriptions and the defaults the Go sources do not state are the first sentences and documented literals of",
  "upstream's reference pages (grafana/alloy docs/sources/reference, Apache License 2.0); each page names its source.",
  "The same texts appear in the editor (hover, completion) and in `alloy tools describe`.",
  "", "| Name | Kind | Stability |", "| --- | --- | --- |"];
for (const e of list) idx.push(`| [${e.name}](${e.name}.md) | ${e.kind} | ${e.stability}${e.community ? " (community)" : ""} |`);
writeFileSync(path.join(outDir, "README.md"), idx.join("\n") + "\n");
console.log(`wrote ${list.length} pages to ${outDir}`);
