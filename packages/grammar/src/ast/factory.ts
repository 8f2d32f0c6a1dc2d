/**
 * The functions the parser builds its trees with: one per node kind, each returning a plain object literal.
 *
 * Why literals rather than class instances: a large file keeps over a million nodes alive while it is parsed.
 * V8 tracks how many objects from an object-literal allocation site survive and, when most do, allocates that
 * site's objects directly in the old generation ("pretenuring"), so the young-generation collector stops copying
 * and promoting the tree over and over (perf-notes: that copying dominates large parses). Sites of `new C()`
 * are not pretenured. Each kind is created with its properties in one order, so all nodes of a kind share one
 * hidden class wherever they are made.
 */
import type {
  AccessExpr,
  ArrayExpr,
  Attribute,
  BinaryExpr,
  BinaryOp,
  Block,
  CallExpr,
  Comment,
  CommentGroup,
  Expr,
  File,
  IdentifierExpr,
  IndexExpr,
  InvalidExpr,
  LiteralExpr,
  LiteralKind,
  NamedSpan,
  ObjectExpr,
  ObjectField,
  ParenExpr,
  Range,
  Spanned,
  Statement,
  UnaryExpr,
  UnaryOp,
} from "./nodes.js";

/** The span of a node as a `Range` object. */
export function rangeOf(node: Spanned): Range {
  return { start: node.start, end: node.end };
}

/** The span of a block's label token (quotes included), or undefined when no label string was written. */
export function labelRangeOf(block: Block): Range | undefined {
  return block.labelStart < 0 ? undefined : { start: block.labelStart, end: block.labelEnd };
}

/** The span of a unary or binary operator token. */
export function opRangeOf(node: UnaryExpr | BinaryExpr): Range {
  return { start: node.opStart, end: node.opEnd };
}

/** The name of an attribute, a block, an accessed field or an object key, with its span. */
export function nameSpanOf(node: Attribute | Block | AccessExpr | ObjectField): NamedSpan {
  const name = node.name;
  switch (node.kind) {
    case "Attribute":
      return { name, start: node.start, end: node.start + name.length };
    case "Block":
      return { name, start: node.start, end: node.nameEnd };
    case "Access":
      return { name, start: node.end - name.length, end: node.end };
    case "Field":
      return { name, start: node.start, end: node.start + name.length + (node.quoted ? 2 : 0) };
  }
}

/**
 * The identifier chain of a pure traversal (`a.b.c`) with the span of each name, or undefined when the
 * expression is anything else. Walks down the left spine of Access nodes to the root identifier.
 */
export function traversalParts(expr: Expr): NamedSpan[] | undefined {
  const parts: NamedSpan[] = [];
  let e: Expr = expr;
  while (e.kind === "Access") {
    parts.push(nameSpanOf(e));
    e = e.value;
  }
  if (e.kind !== "Identifier") return undefined;
  parts.push({ name: e.name, start: e.start, end: e.end });
  return parts.reverse();
}

/** The dotted name a pure traversal spells (`a.b.c`), or undefined when the expression is anything else. */
export function traversalName(expr: Expr): string | undefined {
  return traversalParts(expr)?.map((p) => p.name).join(".");
}

export function fileNode(body: Statement[], comments: CommentGroup[], start: number, end: number): File {
  return { kind: "File", body, comments, start, end };
}

export function attributeNode(name: string, value: Expr, start: number, end: number): Attribute {
  return { kind: "Attribute", name, value, start, end };
}

/** `labelStart` is -1 when no label string was written. */
export function blockNode(
  name: string,
  nameEnd: number,
  label: string | undefined,
  labelStart: number,
  labelEnd: number,
  body: Statement[],
  lCurly: number,
  rCurly: number,
  start: number,
  end: number,
): Block {
  return { kind: "Block", name, nameEnd, label, labelStart, labelEnd, body, lCurly, rCurly, start, end };
}

export function identifierNode(name: string, start: number, end: number): IdentifierExpr {
  return { kind: "Identifier", name, start, end };
}

export function literalNode(literal: LiteralKind, raw: string, start: number, end: number): LiteralExpr {
  return { kind: "Literal", literal, raw, start, end };
}

export function arrayNode(elements: Expr[], start: number, end: number): ArrayExpr {
  return { kind: "Array", elements, start, end };
}

export function fieldNode(name: string, quoted: boolean, value: Expr, start: number, end: number): ObjectField {
  return { kind: "Field", name, quoted, value, start, end };
}

export function objectNode(fields: ObjectField[], start: number, end: number): ObjectExpr {
  return { kind: "Object", fields, start, end };
}

export function accessNode(value: Expr, name: string, start: number, end: number): AccessExpr {
  return { kind: "Access", value, name, start, end };
}

export function indexNode(value: Expr, index: Expr, lBrack: number, start: number, end: number): IndexExpr {
  return { kind: "Index", value, index, lBrack, start, end };
}

export function callNode(callee: Expr, args: Expr[], lParen: number, start: number, end: number): CallExpr {
  return { kind: "Call", callee, args, lParen, start, end };
}

export function unaryNode(op: UnaryOp, opStart: number, opEnd: number, operand: Expr, start: number, end: number): UnaryExpr {
  return { kind: "Unary", op, opStart, opEnd, operand, start, end };
}

export function binaryNode(
  op: BinaryOp,
  opStart: number,
  opEnd: number,
  left: Expr,
  right: Expr,
  start: number,
  end: number,
): BinaryExpr {
  return { kind: "Binary", op, opStart, opEnd, left, right, start, end };
}

export function parenNode(inner: Expr, start: number, end: number): ParenExpr {
  return { kind: "Paren", inner, start, end };
}

export function invalidNode(start: number, end: number): InvalidExpr {
  return { kind: "Invalid", start, end };
}

export function commentNode(text: string, start: number, end: number): Comment {
  return { kind: "Comment", text, start, end };
}

export function commentGroupNode(comments: Comment[], start: number, end: number): CommentGroup {
  return { kind: "CommentGroup", comments, start, end };
}
