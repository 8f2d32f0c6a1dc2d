/**
 * One diagnostic model: the grammar's `Diagnostic` (packages/grammar/src/diagnostics/diagnostic.ts). A type
 * declared anywhere else in a package's sources with a `severity` and a `message` (or `summary`) member is a second model
 * and fails here, unless it is an output format rendered at an edge (listed below with its reason). Refinements
 * of the one model (`Diagnostic & { ... }`) declare no members of their own and pass.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

const MODEL = "packages/grammar/src/diagnostics/diagnostic.ts";
/** The model and its catalogues (whose entries describe diagnostics, with a severity and a message template). */
const MODEL_DIR = "packages/grammar/src/diagnostics/";

/** Shapes that are renderings at an edge, not models: `file:Name` → why. */
const EDGE_FORMATS: Record<string, string> = {
  "packages/validator/src/report/json.ts:JsonDiagnostic": "`alloy validate --format=json` output (1-based line/column objects)",
  "packages/validator/src/rules/engine.ts:RuleData": "a rule of the data-driven rule table (upstream's message template and severity), not a diagnostic",
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== "dist") out.push(...sources(p));
    } else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** `interface Name ... { body }` and `type Name = { body }` declarations with their member text. */
function declarations(text: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const head = /\b(?:interface\s+(\w+)[^{=]*|type\s+(\w+)(?:<[^=]*>)?\s*=\s*)\{/g;
  for (let m; (m = head.exec(text)); ) {
    let depth = 1;
    let i = head.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    }
    out.push({ name: (m[1] ?? m[2])!, body: text.slice(head.lastIndex, i - 1) });
  }
  return out;
}

/** Members declared at the top level of a body (nested object types are not the declaration's own). */
function ownMembers(body: string): Set<string> {
  let flat = "";
  let depth = 0;
  for (const c of body) {
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (depth === 0) flat += c;
  }
  return new Set([...flat.matchAll(/(?:^|[;\n,])\s*(?:readonly\s+)?(\w+)\??\s*:/g)].map((m) => m[1]!));
}

describe("one diagnostic model", () => {
  const found: string[] = [];
  for (const file of sources(path.join(repoRoot, "packages"))) {
    const rel = path.relative(repoRoot, file).split(path.sep).join("/");
    if (rel.startsWith(MODEL_DIR) || rel.includes("/node_modules/")) continue;
    for (const d of declarations(readFileSync(file, "utf8"))) {
      const members = ownMembers(d.body);
      if (members.has("severity") && (members.has("message") || members.has("summary"))) found.push(`${rel}:${d.name}`);
    }
  }

  it("no package declares a diagnostic shape of its own", () => {
    const second = found.filter((k) => !(k in EDGE_FORMATS));
    expect(second, "use Diagnostic from @alloy-ts/grammar (or refine it: Diagnostic & { ... })").toEqual([]);
  });

  it("lists only shapes that still exist", () => {
    for (const k of Object.keys(EDGE_FORMATS)) expect(found, k).toContain(k);
  });

  it("no package gives the model a second name", () => {
    const aliases: string[] = [];
    for (const file of sources(path.join(repoRoot, "packages"))) {
      const rel = path.relative(repoRoot, file).split(path.sep).join("/");
      for (const m of readFileSync(file, "utf8").matchAll(/\btype\s+(\w+)\s*=\s*Diagnostic\s*;/g)) aliases.push(`${rel}:${m[1]}`);
    }
    expect(aliases, "use Diagnostic itself").toEqual([]);
  });

  it("finds the model itself", () => {
    const members = ownMembers(declarations(readFileSync(path.join(repoRoot, MODEL), "utf8")).find((d) => d.name === "Diagnostic")!.body);
    expect([...members]).toEqual(expect.arrayContaining(["severity", "code", "message", "detail", "hint", "related", "fixes"]));
  });
});
