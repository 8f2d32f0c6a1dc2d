/**
 * The Alloy syntax tree: a discriminated union keyed by `kind`, mirroring upstream syntax/ast/ast.go.
 *
 * Positions are offsets into the source *string* (UTF-16 code units), `start` inclusive and `end` exclusive, kept
 * as two number fields on every node (`rangeOf(node)` gives them as a `Range`). Byte-based line:column values
 * (what upstream prints) are computed at the edge by `SourceFile`.
 *
 * Why numbers rather than a `range` object per node: a large file has over a million nodes, and every extra
 * object per node is one more object the garbage collector copies while a parse keeps the tree alive.
 */

/** A half-open span `[start, end)` of source offsets. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** What every node has: its span `[start, end)`. */
export interface Spanned {
  readonly start: number;
  readonly end: number;
}

/**
 * A name with its span: what `nameSpanOf` gives for an attribute, a block, an accessed field or an object key.
 * Names are plain strings on their nodes, not nodes of their own: a large file has hundreds of thousands of
 * them, and an object each was the largest share of the tree (spans follow from the node's own, see `nameSpanOf`).
 */
export interface NamedSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface File {
  readonly kind: "File";
  readonly body: Statement[];
  /** Comment groups in source order; comments are not tree nodes (the printer re-inserts them by position). */
  readonly comments: CommentGroup[];
  readonly start: number;
  readonly end: number;
}

export type Statement = Attribute | Block;

/** `name = value`; the name spans `[start, start + name.length)`. */
export interface Attribute {
  readonly kind: "Attribute";
  readonly name: string;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

/** `a.b.c "label" { body }` */
export interface Block {
  readonly kind: "Block";
  /**
   * The fragments joined by `.` (`prometheus.remote_write`), as upstream prints them; the name spans
   * `[start, nameEnd)`, which is longer than `name` only when the source had spaces or comments around a `.`.
   */
  readonly name: string;
  readonly nameEnd: number;
  /** The label text between the quotes (escapes not decoded), or undefined when there is none or it is `""`. */
  readonly label: string | undefined;
  /**
   * Span `[labelStart, labelEnd)` of the label token, quotes included; `labelStart` is -1 when no label string
   * was written (a written `""` has a span).
   */
  readonly labelStart: number;
  readonly labelEnd: number;
  readonly body: Statement[];
  /** Offset of `{`. */
  readonly lCurly: number;
  /** Offset of `}` (for recovered trees with a missing `}`, the offset where it was expected). */
  readonly rCurly: number;
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | IdentifierExpr
  | LiteralExpr
  | ArrayExpr
  | ObjectExpr
  | AccessExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ParenExpr
  | InvalidExpr;

export interface IdentifierExpr {
  readonly kind: "Identifier";
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export type LiteralKind = "number" | "float" | "string" | "bool" | "null";

/** A literal keeps its exact source text (`raw`), quotes and backticks included. */
export interface LiteralExpr {
  readonly kind: "Literal";
  readonly literal: LiteralKind;
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export interface ArrayExpr {
  readonly kind: "Array";
  readonly elements: Expr[];
  /** `start` is `[`, `end - 1` is `]`. */
  readonly start: number;
  readonly end: number;
}

export interface ObjectField {
  readonly kind: "Field";
  /**
   * Key; for quoted keys the raw text between the delimiters (not unescaped). It spans
   * `[start, start + name.length)`, plus the two delimiters when `quoted`.
   */
  readonly name: string;
  /** True when the key was written as a string literal. */
  readonly quoted: boolean;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

export interface ObjectExpr {
  readonly kind: "Object";
  readonly fields: ObjectField[];
  /** `start` is `{`, `end - 1` is `}`. */
  readonly start: number;
  readonly end: number;
}

/** `value.name`; the name spans `[end - name.length, end)` (empty at `end` when it is missing). */
export interface AccessExpr {
  readonly kind: "Access";
  readonly value: Expr;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** `value[index]` */
export interface IndexExpr {
  readonly kind: "Index";
  readonly value: Expr;
  readonly index: Expr;
  /** Offset of `[`; `end - 1` is `]`. */
  readonly lBrack: number;
  readonly start: number;
  readonly end: number;
}

/** `callee(args...)` */
export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: Expr[];
  /** Offset of `(`; `end - 1` is `)`. */
  readonly lParen: number;
  readonly start: number;
  readonly end: number;
}

export type UnaryOp = "!" | "-";
export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "^";

export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  /** Span `[opStart, opEnd)` of the operator token. */
  readonly opStart: number;
  readonly opEnd: number;
  readonly operand: Expr;
  readonly start: number;
  readonly end: number;
}

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  /** Span `[opStart, opEnd)` of the operator token. */
  readonly opStart: number;
  readonly opEnd: number;
  readonly left: Expr;
  readonly right: Expr;
  readonly start: number;
  readonly end: number;
}

/** `( inner )`, kept so the printer can reproduce the source parentheses. */
export interface ParenExpr {
  readonly kind: "Paren";
  readonly inner: Expr;
  readonly start: number;
  readonly end: number;
}

/**
 * Placeholder for an expression that could not be parsed (upstream substitutes a `null` literal).
 * Only present in trees that come with error diagnostics.
 */
export interface InvalidExpr {
  readonly kind: "Invalid";
  readonly start: number;
  readonly end: number;
}

export interface Comment {
  readonly kind: "Comment";
  /** Comment text without carriage returns; `//` comments exclude the newline. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Adjacent comments (each starting on the line of, or the line after, the previous one's end). */
export interface CommentGroup {
  readonly kind: "CommentGroup";
  readonly comments: Comment[];
  readonly start: number;
  readonly end: number;
}

export type Node = File | Statement | Expr | ObjectField | Comment | CommentGroup;
