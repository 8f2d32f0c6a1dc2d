/** Semantic tokens from the syntax tree: block names, labels, attributes, references, functions, literals, comments. */
import { type AccessExpr, type Attribute, type Expr, nameSpanOf, type ObjectField, type Statement } from "@alloy-ts/grammar";
import { walkIterative as walk } from "./walk.js";
import type { SemanticTokens } from "vscode-languageserver-types";
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from "../capabilities.js";
import type { Analysis } from "../workspace/analysis.js";
import { blockNameFragments } from "./name-fragments.js";
import { STDLIB_ROOTS } from "./scope.js";

const TYPES = SEMANTIC_TOKEN_TYPES;
const MODIFIERS = SEMANTIC_TOKEN_MODIFIERS;
type TokenType = (typeof TYPES)[number];
type Modifier = (typeof MODIFIERS)[number];

interface RawToken {
  start: number;
  end: number;
  type: number;
  mods: number;
}

/** Encoded semantic tokens (LSP relative encoding) for the whole document. */
export function semanticTokens(analysis: Analysis): SemanticTokens {
  // Basic service for very large documents: the editor's grammar colours them instead.
  if (analysis.large) return { data: [] };
  const raw: RawToken[] = [];
  const push = (start: number, end: number, type: TokenType, ...mods: Modifier[]): void => {
    if (end <= start) return;
    raw.push({ start, end, type: TYPES.indexOf(type), mods: mods.reduce((m, x) => m | (1 << MODIFIERS.indexOf(x)), 0) });
  };
  const pushName = (node: Attribute | AccessExpr | ObjectField, type: TokenType): void => {
    const { start, end } = nameSpanOf(node);
    push(start, end, type);
  };
  const targets = new Map(analysis.references.map((r) => [r.start, r] as const));

  // Expressions: every node is visited (grammar's walk) except inside a reference, whose parts are coloured as a whole.
  const expr = (e: Expr): void =>
    walk(e, (node) => {
      switch (node.kind) {
        case "Literal":
          push(node.start, node.end, node.literal === "string" ? "string" : node.literal === "bool" || node.literal === "null" ? "keyword" : "number");
          return;
        case "Identifier":
        case "Access": {
          const ref = targets.get(node.start);
          if (ref && ref.end === node.end) {
            const stdlib = !ref.target && STDLIB_ROOTS.has(ref.parts[0]!.name);
            ref.parts.forEach((p, i) => {
              if (ref.target) push(p.start, p.end, i < ref.labelIndex ? "namespace" : i === ref.labelIndex ? "variable" : "property");
              else if (stdlib) push(p.start, p.end, i === ref.parts.length - 1 ? "function" : "namespace", "defaultLibrary");
              else push(p.start, p.end, i === 0 ? "variable" : "property");
            });
            return false;
          }
          if (node.kind === "Access") pushName(node, "property");
          return;
        }
        case "Field":
          if (!node.quoted) pushName(node, "property");
          return;
        default:
          return;
      }
    });
  const body = (stmts: readonly Statement[], depth: number): void => {
    for (const s of stmts) {
      if (s.kind === "Attribute") {
        pushName(s, "property");
        expr(s.value);
        continue;
      }
      const declare = s.name === "declare";
      for (const n of blockNameFragments(analysis.text, s)) push(n.start, n.end, depth === 0 || declare ? "namespace" : "type");
      if (s.labelStart >= 0) push(s.labelStart, s.labelEnd, declare ? "class" : "string", "declaration");
      body(s.body, declare ? 0 : depth + 1);
    }
  };
  body(analysis.file.body, 0);
  for (const g of analysis.file.comments) for (const c of g.comments) push(c.start, c.end, "comment");

  raw.sort((a, b) => a.start - b.start);
  return { data: encode(analysis, raw) };
}

/** LSP relative encoding; tokens spanning lines are split at line ends, overlapping ones dropped. */
function encode(analysis: Analysis, tokens: readonly RawToken[]): number[] {
  const data: number[] = [];
  const { lines } = analysis;
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = 0;
  const emit = (start: number, end: number, t: RawToken): void => {
    const pos = lines.lspPosition(start);
    const dl = pos.line - prevLine;
    // Lengths are in the negotiated encoding's units, like the start character.
    data.push(dl, dl === 0 ? pos.character - prevChar : pos.character, lines.lspPosition(end).character - pos.character, t.type, t.mods);
    prevLine = pos.line;
    prevChar = pos.character;
  };
  for (const t of tokens) {
    if (t.start < lastEnd) continue;
    // A token spanning lines (a block comment, a raw string) is split at every line end (`\n`, `\r\n`, `\r`).
    for (let line = lines.lineOf(t.start), s = t.start; s < t.end; line++) {
      const end = Math.min(t.end, lines.lineEnd(line));
      if (end > s) emit(s, end, t);
      if (line + 1 >= lines.lineCount) break;
      s = lines.starts[line + 1]!;
    }
    lastEnd = t.end;
  }
  return data;
}
