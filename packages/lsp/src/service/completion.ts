/**
 * Completion: component names at statement starts, argument and block names inside components, enum values,
 * references to other components' exports (filtered by the expected type), standard-library functions, and
 * snippets that fill in a component's required arguments.
 */
import { IDENTIFIER_PATTERN, type Block } from "@alloy-ts/grammar";
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from "vscode-languageserver-types";
import { schemaAt, typeFits, type ArgumentInfo, type BlockInfo, type ComponentInfo } from "../schema/catalog.js";
import { dottedWordAt, linePrefix, lineSuffix, lspRange } from "../text.js";
import { analyze, type Analysis, type ComponentInstance } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";
import { componentPath, locate } from "./locate.js";
import { STDLIB_ROOTS } from "./scope.js";
import { otelBlockItems, otelInputItem, otelListItems } from "./otel-completion.js";
import { indentUnit, shapeItems } from "./completion-edits.js";

/** `name =` before the cursor with no second `=` after it: the attribute whose value is being typed. */
const NAME_ASSIGNED_BEFORE = new RegExp(`(${IDENTIFIER_PATTERN})\\s*=(?!=)[^=]*$`, "u");

/** Completion options a client announces. */
export interface CompletionOptions {
  readonly snippets: boolean;
  /** The client announced `insertTextMode: asIs` support: multi-line text then carries the line's indentation. */
  readonly asIs?: boolean;
  /** Top-level components of the other files of the folder (in scope outside `declare` bodies). */
  readonly external?: () => readonly ComponentInstance[];
}

/** Completion items at a position; an empty list when nothing fits. */
export function complete(analysis: Analysis, position: Position, ctx: ServiceContext, options: CompletionOptions = { snippets: true }): CompletionItem[] | CompletionList {
  const offset = analysis.lines.offsetAt(position);
  const raw = completeAt(repairedAround(analysis, offset), offset, ctx, options);
  const word = dottedWordAt(analysis.text, offset);
  const lineStart = analysis.lines.starts[analysis.lines.lineOf(offset)]!;
  const items = shapeItems(raw, analysis.lines, {
    stem: word.prefix.slice(0, word.prefix.lastIndexOf(".") + 1),
    start: word.start,
    end: word.end,
    unit: indentUnit(analysis.text),
    base: /^[ \t]*/.exec(analysis.text.slice(lineStart, offset))![0],
    asIs: options.asIs === true,
  });
  // Thousands of candidates (large documents) cost more to send and filter than they help: send the first ones
  // and let the client ask again as the user types.
  return items.length > MAX_ITEMS ? { isIncomplete: true, items: items.slice(0, MAX_ITEMS) } : items;
}

/** Most items sent in one answer. */
export const MAX_ITEMS = 500;

/** Placeholder identifier that completes a half-typed traversal (`prometheus.`) for parsing. */
const PLACEHOLDER = "__alloy_completion__";

/**
 * Half-typed input such as `forward_to = [prometheus.]` makes the parser (which recovers as upstream does)
 * swallow the rest of the file. When a syntax error sits on the cursor's line right after a dot, the document
 * is analysed again with a placeholder identifier at the cursor; offsets before the cursor are unchanged.
 */
function repairedAround(analysis: Analysis, offset: number): Analysis {
  const { text, lines } = analysis;
  // Inside a statement that recovery stubbed, the parser's own tree of the statement is what completion reads.
  if (analysis.broken.some(([s, e]) => offset >= s && offset <= e)) analysis = analyze(analysis.uri, analysis.version, text, lines.encoding, false);
  if (text[offset - 1] !== "." || !analysis.syntax.length) return analysis;
  const line = lines.lineOf(offset);
  if (!analysis.syntax.some((d) => lines.lineOf(d.range.start) === line)) return analysis;
  return analyze(analysis.uri, analysis.version, text.slice(0, offset) + PLACEHOLDER + text.slice(offset), lines.encoding, false);
}

function completeAt(analysis: Analysis, offset: number, ctx: ServiceContext, options: CompletionOptions): CompletionItem[] {
  const { text, lines } = analysis;
  if (insideCommentOrString(analysis, offset)) return [];
  const found = dottedWordAt(text, offset);
  // The placeholder (if any) is not part of what the user wrote.
  const word = text.startsWith(PLACEHOLDER, offset) ? { ...found, end: found.end - PLACEHOLDER.length } : found;
  const range = lspRange(lines, word.start, word.end);
  const before = linePrefix(text, word.start);
  const { blocks } = locate(analysis, offset);

  // Statement start: nothing but indentation before the word on this line.
  if (/^\s*$/.test(before)) {
    const header = /^\s*"[^"\n]*"\s*\{/.test(lineSuffix(text, found.end)) || /^\s*\{/.test(lineSuffix(text, found.end));
    if (blocks.length === 0 || blocks.every((b) => b.name === "declare")) {
      const snippets = header ? false : options.snippets;
      return [...componentItems(analysis, ctx, range, word.prefix, snippets, blocks), ...otelBlockItems(ctx, range, word.prefix, snippets)];
    }
    return bodyItems(blocks, ctx, range, options.snippets);
  }

  // Expression position: after `=`, inside brackets, call arguments or operators.
  const expected = expectedType(analysis, offset, blocks, ctx);
  const quote = openQuote(before);
  if (quote >= 0) return quotedEnumItems(analysis, expected, word.start - before.length + quote + 1, offset);
  // Lists of the bridge dialect's pipelines hold component references only, of the kinds the list accepts.
  const listed = otelListItems(analysis, offset, blocks, expected?.name, range);
  if (listed) return listed;
  // Only names that extend the prefix up to its last dot can match; clients filter within the rest.
  const stem = word.prefix.slice(0, word.prefix.lastIndexOf(".") + 1);
  const fns = functionItems(ctx, range, word.prefix, options.snippets);
  return [
    ...enumItems(expected, range, word.prefix),
    ...referenceItems(analysis, offset, ctx, range, expected?.type, stem, options.external),
    ...(stem ? fns.filter((i) => i.label.startsWith(stem)) : fns),
  ];
}

/** Whether the cursor is inside a comment or string literal (no completion there). */
function insideCommentOrString(analysis: Analysis, offset: number): boolean {
  for (const group of analysis.file.comments) {
    if (offset < group.start) break;
    for (const c of group.comments) if (offset > c.start && offset <= c.end) {
      // A line comment ends at the newline; the cursor right after it is still in the comment.
      return c.text.startsWith("//") ? true : offset < c.end;
    }
  }
  return false;
}

/** Component names (and the top-level config blocks the catalogue knows), as headers or full snippets. */
function componentItems(analysis: Analysis, ctx: ServiceContext, range: Range, prefix: string, snippets: boolean, blocks: readonly Block[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (name: string, info: ComponentInfo | undefined, detail: string): void => {
    if (seen.has(name) || !name.startsWith(prefix.slice(0, prefix.lastIndexOf(".") + 1))) return;
    seen.add(name);
    const item: CompletionItem = { label: name, kind: CompletionItemKind.Module, detail, textEdit: { range, newText: name }, filterText: name };
    if (info?.description) item.documentation = { kind: MarkupKind.Markdown, value: info.description };
    if (snippets && info) {
      item.textEdit = { range, newText: componentSnippet(info) };
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    items.push(item);
  };
  for (const info of ctx.catalog.components()) add(info.name, info, info.labelled === false ? "block" : "component");
  // Custom components declared in this document are valid block names too.
  const declares = blocks.length ? blocks[blocks.length - 1]!.body : analysis.file.body;
  for (const s of [...analysis.file.body, ...declares]) {
    if (s.kind === "Block" && s.name === "declare" && s.label) add(s.label, undefined, "custom component");
  }
  return items;
}

/** A snippet writing a component block with its required arguments and blocks. */
export function componentSnippet(info: ComponentInfo): string {
  const counter = { n: 2 };
  const labelled = info.labelled !== false;
  const body = requiredBody(info.arguments, info.blocks, "\t", counter);
  const head = labelled ? `${info.name} "\${1:default}" {` : `${info.name} {`;
  return body ? `${head}\n${body}\n}` : `${head}\n\t$0\n}`;
}

function requiredBody(args: readonly ArgumentInfo[], blocks: readonly BlockInfo[], indent: string, counter: { n: number }): string {
  const lines: string[] = [];
  for (const a of args) if (a.required) lines.push(`${indent}${a.name} = ${placeholder(a, counter.n++)}`);
  for (const b of blocks) {
    if (!b.required) continue;
    const inner = requiredBody(b.arguments, b.blocks, indent + "\t", counter);
    lines.push(`${indent}${b.name} {${inner ? `\n${inner}\n${indent}` : ""}}`);
  }
  return lines.join("\n");
}

/** A typed snippet placeholder for an argument value. */
export function placeholder(a: ArgumentInfo, n: number): string {
  const t = a.type.trim();
  if (a.enum?.length) return `"\${${n}|${a.enum.map(escapeChoice).join(",")}|}"`;
  if (/^(string|duration|secret)$/.test(t)) return `"\${${n}}"`;
  if (/^(list|array)\(/.test(t)) return `[\${${n}}]`;
  if (/^(map|object)\(/.test(t) || t === "object") return `{\${${n}}}`;
  if (t === "bool") return `\${${n}|true,false|}`;
  if (t === "number" || t === "int" || t === "float") return `\${${n}:0}`;
  return `\${${n}}`;
}

const escapeChoice = (s: string): string => s.replace(/[,|\\$}]/g, (c) => `\\${c}`);

/** Arguments and blocks accepted inside the innermost block, minus the arguments already written. */
function bodyItems(blocks: readonly Block[], ctx: ServiceContext, range: Range, snippets: boolean): CompletionItem[] {
  const schema = schemaFor(blocks, ctx);
  if (!schema) return [];
  const here = blocks[blocks.length - 1]!;
  const written = new Set(here.body.filter((s) => s.kind === "Attribute").map((s) => (s.kind === "Attribute" ? s.name : "")));
  const items: CompletionItem[] = [];
  for (const a of schema.arguments) {
    if (written.has(a.name)) continue;
    items.push({
      label: a.name,
      kind: CompletionItemKind.Property,
      detail: `${a.type}${a.required ? " (required)" : a.default !== undefined ? ` = ${a.default}` : ""}`,
      documentation: a.description ? { kind: MarkupKind.Markdown, value: a.description } : undefined,
      sortText: `${a.required ? "0" : "1"}${a.name}`,
      textEdit: { range, newText: snippets ? `${a.name} = ${placeholder(a, 1)}` : a.name },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    });
  }
  for (const b of schema.blocks) {
    const inner = requiredBody(b.arguments, b.blocks, "\t", { n: 1 });
    items.push({
      label: b.name,
      kind: CompletionItemKind.Struct,
      detail: `block${b.required ? " (required)" : ""}`,
      documentation: b.description ? { kind: MarkupKind.Markdown, value: b.description } : undefined,
      sortText: `${b.required ? "0" : "2"}${b.name}`,
      textEdit: { range, newText: snippets ? `${b.name} {\n${inner || "\t$0"}\n}` : b.name },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    });
  }
  return items;
}

/** Schema of the block path around the cursor (component plus nested block names). */
export function schemaFor(blocks: readonly Block[], ctx: ServiceContext): ReturnType<typeof schemaAt> {
  const { component, path } = componentPath(blocks);
  if (!component) return undefined;
  const info = ctx.catalog.component(component.name);
  return info ? schemaAt(info, path) : undefined;
}

/** The argument whose value holds the cursor, with its schema when known. */
function expectedType(analysis: Analysis, offset: number, blocks: readonly Block[], ctx: ServiceContext): ArgumentInfo | undefined {
  const body = blocks.length ? blocks[blocks.length - 1]!.body : analysis.file.body;
  let name: string | undefined;
  for (const s of body) {
    if (s.kind === "Attribute" && offset >= s.start && offset <= Math.max(s.end, s.value.end)) name = s.name;
  }
  if (!name) {
    // Recovered trees may not hold the attribute being typed: read `name =` back from the text.
    const start = blocks.length ? blocks[blocks.length - 1]!.lCurly + 1 : 0;
    const m = NAME_ASSIGNED_BEFORE.exec(analysis.text.slice(Math.max(start, offset - 2000), offset));
    name = m?.[1];
  }
  if (!name) return undefined;
  const schema = schemaFor(blocks, ctx);
  return schema?.arguments.find((a) => a.name === name) ?? { name, type: "any", required: false };
}

/** Quoted enum values of the expected argument. */
function enumItems(expected: ArgumentInfo | undefined, range: Range, prefix: string): CompletionItem[] {
  if (!expected?.enum?.length || prefix.includes(".")) return [];
  return expected.enum.map((v, i) => ({
    label: `"${v}"`,
    kind: CompletionItemKind.EnumMember,
    detail: expected.default === `"${v}"` ? "default" : undefined,
    sortText: `0${String(i).padStart(3, "0")}`,
    textEdit: { range, newText: `"${v}"` },
  }));
}

/** Index of the quote that opens a string still open at the end of `line`, or -1 (escapes honoured). */
function openQuote(line: string): number {
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open >= 0 && c === "\\") i++;
    else if (c === '"') open = open >= 0 ? -1 : i;
  }
  return open;
}

/**
 * Enum values inside the quotes of a string being typed: the edit replaces the string's content (up to the
 * closing quote on the line, when there is one) with the bare value.
 */
function quotedEnumItems(analysis: Analysis, expected: ArgumentInfo | undefined, contentStart: number, offset: number): CompletionItem[] {
  if (!expected?.enum?.length) return [];
  const rest = lineSuffix(analysis.text, offset);
  const close = /^([^"\n\\]|\\.)*"/.exec(rest);
  const end = close ? offset + close[0].length - 1 : offset;
  const range = lspRange(analysis.lines, contentStart, end);
  return expected.enum.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: expected.default === `"${v}"` ? "default" : undefined,
    sortText: `0${String(i).padStart(3, "0")}`,
    filterText: v,
    textEdit: { range, newText: v },
  }));
}

/** `name.label.export` of every component in scope whose export type fits the expected type. */
function referenceItems(analysis: Analysis, offset: number, ctx: ServiceContext, range: Range, expected: string | undefined, stem: string, external?: () => readonly ComponentInstance[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  const { blocks } = locate(analysis, offset);
  const scope = [...blocks].reverse().find((b) => b.name === "declare");
  const own = blocks[0];
  const fits = new Map<string, boolean>();
  const fitsCached = (type: string): boolean => {
    let ok = fits.get(type);
    if (ok === undefined) fits.set(type, (ok = typeFits(expected, type)));
    return ok;
  };
  const candidates = scope || !external ? analysis.instances : [...analysis.instances, ...external()];
  for (const inst of candidates) {
    if (inst.scope !== scope || inst.block === own) continue;
    if (stem && !(inst.id.startsWith(stem) || stem.startsWith(inst.id))) continue;
    const info = ctx.catalog.component(inst.name);
    const exports = info?.exports ?? [];
    if (!info && BRIDGE_BLOCKS.has(inst.name)) continue;
    const otel = info ? undefined : otelInputItem(inst, expected, range);
    if (otel !== undefined) {
      if (otel) items.push(otel);
      continue;
    }
    if (!info) {
      // Unknown component (custom, imported, or no catalogue yet): offer the instance itself.
      if (!expected || typeFits(expected, "any")) {
        items.push({ label: inst.id, kind: CompletionItemKind.Reference, detail: inst.name, textEdit: { range, newText: inst.id }, sortText: `1${inst.id}` });
      }
      continue;
    }
    for (const exp of exports) {
      if (!fitsCached(exp.type)) continue;
      const label = `${inst.id}.${exp.name}`;
      items.push({
        label,
        kind: CompletionItemKind.Reference,
        detail: exp.type,
        documentation: exp.description ? { kind: MarkupKind.Markdown, value: exp.description } : undefined,
        sortText: `1${label}`,
        textEdit: { range, newText: label },
      });
    }
  }
  return items;
}

/** Labelled blocks of the bridge dialect that no expression refers to. */
const BRIDGE_BLOCKS: ReadonlySet<string> = new Set(["otel.pipeline", "otel.service"]);

/** Standard-library functions and constants, with call snippets. */
function functionItems(ctx: ServiceContext, range: Range, prefix: string, snippets: boolean): CompletionItem[] {
  const fns = ctx.catalog.functions();
  const items: CompletionItem[] = fns.map((f) => {
    const args = f.parameters.map((p, i) => `\${${i + 1}:${p.name}}`).join(", ");
    const call = f.constant ? f.name : snippets ? `${f.name}(${args})` : f.name;
    return {
      label: f.name,
      kind: f.constant ? CompletionItemKind.Constant : CompletionItemKind.Function,
      detail: f.constant ? f.returns : `(${f.parameters.map((p) => `${p.variadic ? "..." : ""}${p.name} ${p.type}`).join(", ")}) → ${f.returns}`,
      documentation: f.description ? { kind: MarkupKind.Markdown, value: f.description } : undefined,
      tags: f.deprecated ? [1] : undefined,
      sortText: `${f.deprecated ? "3" : "2"}${f.name}`,
      textEdit: { range, newText: call },
      insertTextFormat: snippets && !f.constant ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
  });
  if (!fns.length && !prefix.includes(".")) {
    // Without a catalogue, at least the namespace roots are known facts.
    for (const root of STDLIB_ROOTS) items.push({ label: root, kind: CompletionItemKind.Module, textEdit: { range, newText: root }, sortText: `3${root}` });
  }
  return items;
}
