/**
 * Quick fixes keyed on diagnostic messages (upstream's exact wording, spec alloy-syntax §8.3, §8.5):
 * did-you-mean replacements for unknown names and insertion of missing required arguments and blocks.
 */
import type { Block, Statement } from "@alloy-ts/grammar";
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";
import { schemaFor } from "./completion.js";
import { locate } from "./locate.js";
import { indentUnit } from "./completion-edits.js";

/** One row of the quick-fix table: a message pattern and how to propose fixes for it. */
interface FixRule {
  readonly pattern: RegExp;
  readonly fix: (analysis: Analysis, diag: Diagnostic, name: string, ctx: ServiceContext) => CodeAction[];
}

const RULES: readonly FixRule[] = [
  { pattern: /^component "([^"]+)" does not exist or is out of scope$/, fix: fixReference },
  { pattern: /^cannot find the definition of component name "([^"]+)"$/, fix: (a, d, n, c) => replaceWithNearest(a, d, n, c.catalog.components().map((x) => x.name)) },
  { pattern: /^unrecognized attribute name "([^"]+)"$/, fix: (a, d, n, c) => replaceWithNearest(a, d, n, schemaNames(a, d, c, "arguments")) },
  { pattern: /^unrecognized block name "([^"]+)"$/, fix: (a, d, n, c) => replaceWithNearest(a, d, n, schemaNames(a, d, c, "blocks")) },
  { pattern: /^missing required attribute "([^"]+)"$/, fix: (a, d, n, c) => insertMissing(a, d, n, c, "argument") },
  { pattern: /^missing required block "([^"]+)"$/, fix: (a, d, n, c) => insertMissing(a, d, n, c, "block") },
  // Upstream's deprecation warning names no function: the name is the text the diagnostic covers.
  { pattern: /^(this stdlib function is deprecated)/, fix: replaceDeprecated },
];

/** Deprecated standard-library names (`env`, `concat`, ...): replace the name by its successor (`sys.env`). */
function replaceDeprecated(analysis: Analysis, diag: Diagnostic, _message: string, ctx: ServiceContext): CodeAction[] {
  const start = analysis.lines.offsetAt(diag.range.start);
  const end = analysis.lines.offsetAt(diag.range.end);
  const written = analysis.text.slice(start, end);
  const fn = ctx.catalog.functions().find((f) => f.name === written && f.replacement);
  if (!fn?.replacement) return [];
  return [{
    title: `Replace '${written}' with '${fn.replacement}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: { changes: { [analysis.uri]: [{ range: lspRange(analysis.lines, start, end), newText: fn.replacement }] } },
  }];
}

/** Quick fixes for the diagnostics the client sends with a code-action request. */
export function codeActions(analysis: Analysis, diagnostics: readonly Diagnostic[], ctx: ServiceContext): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    for (const rule of RULES) {
      const m = rule.pattern.exec(diag.message);
      if (m) out.push(...rule.fix(analysis, diag, m[1]!, ctx));
    }
  }
  return out;
}

/** Levenshtein distance, bounded work for short identifiers. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Candidates close enough to `name` to be a likely typo, nearest first (at most three). */
export function nearest(name: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d <= limit) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, 3).map(([c]) => c);
}

function replaceAction(analysis: Analysis, diag: Diagnostic, range: Range, text: string, preferred: boolean): CodeAction {
  return {
    title: `Did you mean '${text}'?`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: preferred,
    edit: { changes: { [analysis.uri]: [{ range, newText: text }] } },
  };
}

function replaceWithNearest(analysis: Analysis, diag: Diagnostic, name: string, candidates: Iterable<string>): CodeAction[] {
  // The diagnostic may cover more than the name (a whole statement): replace the name's first occurrence in it.
  const start = analysis.lines.offsetAt(diag.range.start);
  const end = analysis.lines.offsetAt(diag.range.end);
  const at = analysis.text.slice(start, Math.max(end, start + name.length)).indexOf(name);
  if (at < 0) return [];
  const range = lspRange(analysis.lines, start + at, start + at + name.length);
  return nearest(name, candidates).map((c, i) => replaceAction(analysis, diag, range, c, i === 0));
}

/** Unknown references: nearest `instance.export` spelling among components in scope. */
function fixReference(analysis: Analysis, diag: Diagnostic, path: string, ctx: ServiceContext): CodeAction[] {
  const candidates: string[] = [];
  const parts = path.split(".");
  for (const inst of analysis.instances) {
    const exports = ctx.catalog.component(inst.name)?.exports.map((e) => e.name);
    const idLength = inst.id.split(".").length;
    const rest = parts.slice(idLength).join(".");
    if (exports?.length) for (const e of exports) candidates.push(`${inst.id}.${e}`);
    candidates.push(rest ? `${inst.id}.${rest}` : inst.id);
  }
  return replaceWithNearest(analysis, diag, path, candidates);
}

function schemaNames(analysis: Analysis, diag: Diagnostic, ctx: ServiceContext, what: "arguments" | "blocks"): string[] {
  const { blocks } = locate(analysis, analysis.lines.offsetAt(diag.range.start));
  const schema = schemaFor(blocks, ctx);
  return schema ? schema[what].map((x) => x.name) : [];
}

/** Inserts a missing required argument or block at the top of the block the diagnostic covers. */
function insertMissing(analysis: Analysis, diag: Diagnostic, name: string, ctx: ServiceContext, what: "argument" | "block"): CodeAction[] {
  const start = analysis.lines.offsetAt(diag.range.start);
  const block = blockStartingAt(analysis, start);
  if (!block) return [];
  const { blocks } = locate(analysis, block.lCurly + 1);
  const schema = schemaFor(blocks, ctx);
  const indent = indentOf(analysis.text, block.start) + indentUnit(analysis.text);
  let text: string;
  if (what === "argument") {
    const info = schema?.arguments.find((a) => a.name === name);
    text = `${indent}${name} = ${valueFor(info?.type)}\n`;
  } else text = `${indent}${name} {\n${indent}}\n`;
  const at = analysis.text.indexOf("\n", block.lCurly);
  const pos = at < 0 || at > block.rCurly ? block.lCurly + 1 : at + 1;
  const newText = at < 0 || at > block.rCurly ? `\n${text}${indentOf(analysis.text, block.start)}` : text;
  return [{
    title: `Add required ${what} '${name}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: { changes: { [analysis.uri]: [{ range: lspRange(analysis.lines, pos, pos), newText }] } },
  }];
}

/** The innermost block whose range starts at `offset` (the range of block-wide diagnostics). */
function blockStartingAt(analysis: Analysis, offset: number): Block | undefined {
  let found: Block | undefined;
  const visit = (body: readonly Statement[]): void => {
    for (const s of body) {
      if (s.kind !== "Block" || offset < s.start || offset > s.end) continue;
      if (s.start === offset) found = s;
      visit(s.body);
    }
  };
  visit(analysis.file.body);
  if (!found) found = locate(analysis, offset + 1).blocks.at(-1);
  return found;
}

function indentOf(text: string, offset: number): string {
  const ls = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

/** A neutral value of the given type, so the inserted line parses. */
function valueFor(type: string | undefined): string {
  const t = (type ?? "").trim();
  if (/^(list|array)\(/.test(t)) return "[]";
  if (/^(map|object)/.test(t)) return "{}";
  if (t === "bool") return "false";
  if (t === "number") return "0";
  return '""';
}
