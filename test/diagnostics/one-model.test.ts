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

/**
 * Shapes not yet moved onto the one model, each with what it still carries that the model says differently.
 * The list may only shrink: a new entry is a new model.
 */
const NOT_YET_MIGRATED: Record<string, string> = {
  "packages/converter/src/diagnostics.ts:ConvertDiagnostic": "`summary` for `message`, `code` optional (toDiagnostic maps it onto the model)",
  "packages/converter/src/report/analyze.ts:ReportDiagnostic": "the stage of the migration report, line and column fields",
  "packages/converter/src/engine/description.ts:ComponentNote": "a component mapping's note (`summary`, a settings path), reported as a converter diagnostic",
  "packages/converter/src/telemetry.ts:TelemetryNote": "a service::telemetry note (`summary`), reported as a converter diagnostic",
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
    const second = found.filter((k) => !(k in EDGE_FORMATS) && !(k in NOT_YET_MIGRATED));
    expect(second, "use Diagnostic from @alloy-ts/grammar (or refine it: Diagnostic & { ... })").toEqual([]);
  });

  it("lists only shapes that still exist", () => {
    for (const k of [...Object.keys(EDGE_FORMATS), ...Object.keys(NOT_YET_MIGRATED)]) expect(found, k).toContain(k);
  });

  it("finds the model itself", () => {
    const members = ownMembers(declarations(readFileSync(path.join(repoRoot, MODEL), "utf8")).find((d) => d.name === "Diagnostic")!.body);
    expect([...members]).toEqual(expect.arrayContaining(["severity", "code", "message", "detail", "hint", "related", "fixes"]));
  });
});
