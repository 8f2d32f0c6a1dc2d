#!/usr/bin/env node
/**
 * Coverage of the component rules (schemas/rules/*.json) against upstream: finds every `Validate() error`
 * method and the `validate*Config` functions of loki.process stages in an upstream grafana/alloy tree (a
 * checkout or a git mirror), and prints how many are covered by a rule's `source`, then lists the rest.
 *
 *   node scripts/gen-schemas/rules-coverage.mjs <upstream checkout or git dir> [--json]
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openSource } from "./go-source.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const rulesDir = path.resolve(here, "../../schemas/rules");

function upstreamFunctions(src) {
  const files = src.list("internal/component/").filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"));
  src.preload?.(files);
  const out = [];
  const method = /^func \(\w+ \*?(\w+)\) (Validate|UnmarshalText)\(\) error \{|^func \(\w+ \*?(\w+)\) (UnmarshalText)\(\w+ \[\]byte\) error \{/gm;
  const stageFn = /^func (validate\w*Config)\(/gm;
  for (const f of files) {
    const text = src.read(f) ?? "";
    for (const m of text.matchAll(method)) {
      const type = m[1] ?? m[3];
      const fn = m[2] ?? m[4];
      // UnmarshalText methods only count when they can reject input (they return an error besides nil).
      if (fn === "UnmarshalText" && !/return (?!nil\b)\w/.test(text.slice(m.index, text.indexOf("\n}\n", m.index)))) continue;
      out.push(`${f}#${type}.${fn}`);
    }
    if (f.includes("loki/process/stages/")) for (const m of text.matchAll(stageFn)) out.push(`${f}#${m[1]}`);
  }
  return [...new Set(out)].sort();
}

function ruleSources() {
  const sources = new Map();
  for (const f of readdirSync(rulesDir).filter((x) => x.endsWith(".json"))) {
    for (const r of JSON.parse(readFileSync(path.join(rulesDir, f), "utf8")).rules) sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
  }
  return sources;
}

function main(argv) {
  const root = argv[2];
  if (!root) {
    console.error("usage: rules-coverage.mjs <upstream checkout or git dir> [--json]");
    process.exit(2);
  }
  const src = openSource(root);
  const fns = upstreamFunctions(src);
  const sources = ruleSources();
  const covered = fns.filter((f) => sources.has(f));
  const rest = fns.filter((f) => !sources.has(f));
  const unknown = [...sources.keys()].filter((s) => !fns.includes(s));
  const validates = fns.filter((f) => f.endsWith(".Validate"));
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ revision: src.revision, found: fns.length, covered, rest, unknownSources: unknown }, null, 2));
    return;
  }
  console.log(`upstream ${src.revision}`);
  console.log(`found ${fns.length} functions (${validates.length} Validate methods); covered by rules: ${covered.length} (${validates.filter((f) => sources.has(f)).length} Validate); rules: ${[...sources.values()].reduce((a, b) => a + b, 0)}`);
  if (unknown.length) {
    console.log(`\nrule sources not found upstream (${unknown.length}):`);
    for (const u of unknown) console.log(`  ${u}`);
  }
  console.log(`\nnot covered (${rest.length}):`);
  for (const r of rest) console.log(`  ${r}`);
}

main(process.argv);
