/** Finds what is under a cursor: the enclosing block path, the statement, the reference or identifier. */
import { type Attribute, type Block, nameSpanOf, type NamedSpan, type Statement } from "@alloy-ts/grammar";
import { type Analysis, type ComponentInstance, type Reference } from "../workspace/analysis.js";

/** Where a cursor sits in the statement tree. */
export interface Location {
  /** Blocks whose body holds the cursor, outermost first. */
  readonly blocks: readonly Block[];
  /** The innermost statement whose range holds the cursor (header or body), if any. */
  readonly statement: Statement | undefined;
}

/** Blocks around `offset` (strictly inside their braces) and the innermost statement holding it. */
export function locate(analysis: Analysis, offset: number): Location {
  const blocks: Block[] = [];
  let statement: Statement | undefined;
  let body: readonly Statement[] = analysis.file.body;
  for (;;) {
    const stmt = findStatement(body, offset);
    if (!stmt) break;
    statement = stmt;
    if (stmt.kind === "Block" && offset > stmt.lCurly && offset <= stmt.rCurly) {
      blocks.push(stmt);
      body = stmt.body;
      statement = undefined;
      continue;
    }
    break;
  }
  return { blocks, statement };
}

/** Binary search over statements sorted by position. */
function findStatement(body: readonly Statement[], offset: number): Statement | undefined {
  let lo = 0;
  let hi = body.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = body[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The reference whose traversal covers `offset`, with the fragment under the cursor. */
export function referenceAt(analysis: Analysis, offset: number): { ref: Reference; part: number } | undefined {
  for (const ref of analysis.references) {
    if (offset < ref.start || offset > ref.end) continue;
    const part = ref.parts.findIndex((p) => offset >= p.start && offset <= p.end);
    return { ref, part: part < 0 ? ref.parts.length - 1 : part };
  }
  return undefined;
}

/** The component instance whose header (name or label) is under `offset`. */
export function instanceHeaderAt(analysis: Analysis, offset: number): ComponentInstance | undefined {
  for (const inst of analysis.instances) {
    const b = inst.block;
    if (offset >= b.start && offset <= b.lCurly) return inst;
  }
  return undefined;
}

/** Block name fragment under the cursor for any block (labelled or not), with the block path around it. */
export function blockHeaderAt(analysis: Analysis, offset: number): { block: Block; path: readonly Block[] } | undefined {
  const { blocks, statement } = locate(analysis, offset);
  if (statement?.kind === "Block" && offset >= statement.start && offset <= statement.lCurly) {
    return { block: statement, path: [...blocks, statement] };
  }
  return undefined;
}

/** The attribute whose name is under the cursor. */
export function attributeNameAt(analysis: Analysis, offset: number): { attr: Attribute; blocks: readonly Block[] } | undefined {
  const { blocks, statement } = locate(analysis, offset);
  if (statement?.kind === "Attribute" && within(nameSpanOf(statement), offset)) return { attr: statement, blocks };
  return undefined;
}

/** Whether a name covers an offset (its end counts, so a cursor right after a word is on it). */
export function within(name: NamedSpan, offset: number): boolean {
  return offset >= name.start && offset <= name.end;
}

/**
 * Splits a block path into the component (outermost block) and the nested block names below it.
 * Blocks inside `declare` bodies are components of their own.
 */
export function componentPath(blocks: readonly Block[]): { component: Block | undefined; path: string[] } {
  let start = 0;
  for (let i = 0; i < blocks.length; i++) if (blocks[i]!.name === "declare") start = i + 1;
  const component = blocks[start];
  return { component, path: blocks.slice(start + 1).map((b) => b.name) };
}
