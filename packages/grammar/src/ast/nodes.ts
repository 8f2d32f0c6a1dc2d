/**
 * The Alloy syntax tree: a discriminated union keyed by `kind`, mirroring upstream syntax/ast/ast.go.
 *
 * Positions are offsets into the source *string* (UTF-16 code units), `start` inclusive and `end` exclusive.
 * Byte-based line:column values (what upstream prints) are computed at the edge by `SourceFile`.
 */

/** A half-open span `[start, end)` of source offsets. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** An identifier token (attribute name, block-name fragment, accessed field name, object key). */
export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
  readonly range: Range;
}

export interface File {
  readonly kind: "File";
  readonly body: Statement[];
  /** Comment groups in source order; comments are not tree nodes (the printer re-inserts them by position). */
  readonly comments: CommentGroup[];
  readonly range: Range;
}

export type Statement = Attribute | Block;

/** `name = value` */
export interface Attribute {
  readonly kind: "Attribute";
  readonly name: Ident;
  readonly value: Expr;
  readonly range: Range;
}

/** `a.b.c "label" { body }` */
export interface Block {
  readonly kind: "Block";
  /** Name fragments, each with its own range (`prometheus`, `remote_write`). */
  readonly name: Ident[];
  /** The label text between the quotes (escapes not decoded), or undefined when there is none or it is `""`. */
  readonly label: string | undefined;
  /** Range of the label token, quotes included (present whenever a label string was written, even `""`). */
  readonly labelRange: Range | undefined;
  readonly body: Statement[];
  /** Offset of `{`. */
  readonly lCurly: number;
  /** Offset of `}` (for recovered trees with a missing `}`, the offset where it was expected). */
  readonly rCurly: number;
  readonly range: Range;
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
  readonly range: Range;
}

export type LiteralKind = "number" | "float" | "string" | "bool" | "null";

/** A literal keeps its exact source text (`raw`), quotes and backticks included. */
export interface LiteralExpr {
  readonly kind: "Literal";
  readonly literal: LiteralKind;
  readonly raw: string;
  readonly range: Range;
}

export interface ArrayExpr {
  readonly kind: "Array";
  readonly elements: Expr[];
  /** `range.start` is `[`, `range.end - 1` is `]`. */
  readonly range: Range;
}

export interface ObjectField {
  readonly kind: "Field";
  /** Key; for quoted keys `name.name` is the raw text between the delimiters (not unescaped). */
  readonly name: Ident;
  /** True when the key was written as a string literal. */
  readonly quoted: boolean;
  readonly value: Expr;
  readonly range: Range;
}

export interface ObjectExpr {
  readonly kind: "Object";
  readonly fields: ObjectField[];
  /** `range.start` is `{`, `range.end - 1` is `}`. */
  readonly range: Range;
}

/** `value.name` */
export interface AccessExpr {
  readonly kind: "Access";
  readonly value: Expr;
  readonly name: Ident;
  readonly range: Range;
}

/** `value[index]` */
export interface IndexExpr {
  readonly kind: "Index";
  readonly value: Expr;
  readonly index: Expr;
  /** Offset of `[`; `range.end - 1` is `]`. */
  readonly lBrack: number;
  readonly range: Range;
}

/** `callee(args...)` */
export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: Expr[];
  /** Offset of `(`; `range.end - 1` is `)`. */
  readonly lParen: number;
  readonly range: Range;
}

export type UnaryOp = "!" | "-";
export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "^";

export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly opRange: Range;
  readonly operand: Expr;
  readonly range: Range;
}

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly opRange: Range;
  readonly left: Expr;
  readonly right: Expr;
  readonly range: Range;
}

/** `( inner )`, kept so the printer can reproduce the source parentheses. */
export interface ParenExpr {
  readonly kind: "Paren";
  readonly inner: Expr;
  readonly range: Range;
}

/**
 * Placeholder for an expression that could not be parsed (upstream substitutes a `null` literal).
 * Only present in trees that come with error diagnostics.
 */
export interface InvalidExpr {
  readonly kind: "Invalid";
  readonly range: Range;
}

export interface Comment {
  readonly kind: "Comment";
  /** Comment text without carriage returns; `//` comments exclude the newline. */
  readonly text: string;
  readonly range: Range;
}

/** Adjacent comments (each starting on the line of, or the line after, the previous one's end). */
export interface CommentGroup {
  readonly kind: "CommentGroup";
  readonly comments: Comment[];
  readonly range: Range;
}

export type Node = File | Statement | Expr | Ident | ObjectField | Comment | CommentGroup;
