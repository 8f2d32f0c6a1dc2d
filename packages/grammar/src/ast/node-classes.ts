/**
 * The classes the parser builds its trees from: one small class per node kind, implementing the interfaces of
 * `nodes.ts`.
 *
 * Why classes rather than object literals: a large file has hundreds of thousands of nodes, and a separate
 * `{ start, end }` object per node doubled the number of objects the garbage collector copies while a parse keeps
 * them alive (perf-notes: young-generation copying dominates large parses). Here positions are own numeric
 * fields `start`/`end`, and `range` (likewise `opRange`, `labelRange`) is a getter on the prototype that builds
 * the object on demand; optimised callers usually have that allocation removed by escape analysis.
 *
 * Consumers keep using the interfaces: `range` reads the same, and trees written as object literals (converter,
 * tests) remain valid input everywhere. `equalIgnoringRanges` ignores the extra position fields.
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
  File,
  Ident,
  IdentifierExpr,
  IndexExpr,
  InvalidExpr,
  LiteralExpr,
  LiteralKind,
  ObjectExpr,
  ObjectField,
  ParenExpr,
  Range,
  UnaryExpr,
  UnaryOp,
} from "./nodes.js";

/** Base of every parser-made node: the half-open span `[start, end)` as two numbers. */
abstract class Spanned {
  // Assigned by each subclass constructor rather than here: a store shared by all node classes would see every
  // node shape and be slow.
  declare start: number;
  declare end: number;

  /** The span as a `Range` object, built on each access. */
  get range(): Range {
    return { start: this.start, end: this.end };
  }
}

/** Parser-made identifier token. */
export class IdentNode extends Spanned implements Ident {
  declare readonly kind: "Ident";
  declare readonly name: string;
  constructor(name: string, start: number, end: number) {
    super();
    this.kind = "Ident";
    this.name = name;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made file. */
export class FileNode extends Spanned implements File {
  declare readonly kind: "File";
  declare readonly body: StatementNode[];
  declare readonly comments: CommentGroupNode[];
  constructor(body: StatementNode[], comments: CommentGroupNode[], start: number, end: number) {
    super();
    this.kind = "File";
    this.body = body;
    this.comments = comments;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made `name = value`. */
export class AttributeNode extends Spanned implements Attribute {
  declare readonly kind: "Attribute";
  declare readonly name: IdentNode;
  declare readonly value: ExprNode;
  constructor(name: IdentNode, value: ExprNode, start: number, end: number) {
    super();
    this.kind = "Attribute";
    this.name = name;
    this.value = value;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made block. `labelStart` is -1 when no label string was written. */
export class BlockNode extends Spanned implements Block {
  declare readonly kind: "Block";
  declare readonly name: IdentNode[];
  declare readonly label: string | undefined;
  declare readonly labelStart: number;
  declare readonly labelEnd: number;
  declare readonly body: StatementNode[];
  declare readonly lCurly: number;
  declare readonly rCurly: number;
  constructor(
    name: IdentNode[],
    label: string | undefined,
    labelStart: number,
    labelEnd: number,
    body: StatementNode[],
    lCurly: number,
    rCurly: number,
    start: number,
    end: number,
  ) {
    super();
    this.kind = "Block";
    this.name = name;
    this.label = label;
    this.labelStart = labelStart;
    this.labelEnd = labelEnd;
    this.body = body;
    this.lCurly = lCurly;
    this.rCurly = rCurly;
    this.start = start;
    this.end = end;
  }

  get labelRange(): Range | undefined {
    return this.labelStart < 0 ? undefined : { start: this.labelStart, end: this.labelEnd };
  }
}

/** Parser-made identifier expression. */
export class IdentifierNode extends Spanned implements IdentifierExpr {
  declare readonly kind: "Identifier";
  declare readonly name: string;
  constructor(name: string, start: number, end: number) {
    super();
    this.kind = "Identifier";
    this.name = name;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made literal. */
export class LiteralNode extends Spanned implements LiteralExpr {
  declare readonly kind: "Literal";
  declare readonly literal: LiteralKind;
  declare readonly raw: string;
  constructor(literal: LiteralKind, raw: string, start: number, end: number) {
    super();
    this.kind = "Literal";
    this.literal = literal;
    this.raw = raw;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made array. */
export class ArrayNode extends Spanned implements ArrayExpr {
  declare readonly kind: "Array";
  declare readonly elements: ExprNode[];
  constructor(elements: ExprNode[], start: number, end: number) {
    super();
    this.kind = "Array";
    this.elements = elements;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made object field. */
export class FieldNode extends Spanned implements ObjectField {
  declare readonly kind: "Field";
  declare readonly name: IdentNode;
  declare readonly quoted: boolean;
  declare readonly value: ExprNode;
  constructor(name: IdentNode, quoted: boolean, value: ExprNode, start: number, end: number) {
    super();
    this.kind = "Field";
    this.name = name;
    this.quoted = quoted;
    this.value = value;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made object. */
export class ObjectNode extends Spanned implements ObjectExpr {
  declare readonly kind: "Object";
  declare readonly fields: FieldNode[];
  constructor(fields: FieldNode[], start: number, end: number) {
    super();
    this.kind = "Object";
    this.fields = fields;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made `value.name`. */
export class AccessNode extends Spanned implements AccessExpr {
  declare readonly kind: "Access";
  declare readonly value: ExprNode;
  declare readonly name: IdentNode;
  constructor(value: ExprNode, name: IdentNode, start: number, end: number) {
    super();
    this.kind = "Access";
    this.value = value;
    this.name = name;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made `value[index]`. */
export class IndexNode extends Spanned implements IndexExpr {
  declare readonly kind: "Index";
  declare readonly value: ExprNode;
  declare readonly index: ExprNode;
  declare readonly lBrack: number;
  constructor(value: ExprNode, index: ExprNode, lBrack: number, start: number, end: number) {
    super();
    this.kind = "Index";
    this.value = value;
    this.index = index;
    this.lBrack = lBrack;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made call. */
export class CallNode extends Spanned implements CallExpr {
  declare readonly kind: "Call";
  declare readonly callee: ExprNode;
  declare readonly args: ExprNode[];
  declare readonly lParen: number;
  constructor(callee: ExprNode, args: ExprNode[], lParen: number, start: number, end: number) {
    super();
    this.kind = "Call";
    this.callee = callee;
    this.args = args;
    this.lParen = lParen;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made unary expression; the operator spans `[opStart, opEnd)`. */
export class UnaryNode extends Spanned implements UnaryExpr {
  declare readonly kind: "Unary";
  declare readonly op: UnaryOp;
  declare readonly opStart: number;
  declare readonly opEnd: number;
  declare readonly operand: ExprNode;
  constructor(op: UnaryOp, opStart: number, opEnd: number, operand: ExprNode, start: number, end: number) {
    super();
    this.kind = "Unary";
    this.op = op;
    this.opStart = opStart;
    this.opEnd = opEnd;
    this.operand = operand;
    this.start = start;
    this.end = end;
  }

  get opRange(): Range {
    return { start: this.opStart, end: this.opEnd };
  }
}

/** Parser-made binary expression; the operator spans `[opStart, opEnd)`. */
export class BinaryNode extends Spanned implements BinaryExpr {
  declare readonly kind: "Binary";
  declare readonly op: BinaryOp;
  declare readonly opStart: number;
  declare readonly opEnd: number;
  declare readonly left: ExprNode;
  declare readonly right: ExprNode;
  constructor(op: BinaryOp, opStart: number, opEnd: number, left: ExprNode, right: ExprNode, start: number, end: number) {
    super();
    this.kind = "Binary";
    this.op = op;
    this.opStart = opStart;
    this.opEnd = opEnd;
    this.left = left;
    this.right = right;
    this.start = start;
    this.end = end;
  }

  get opRange(): Range {
    return { start: this.opStart, end: this.opEnd };
  }
}

/** Parser-made `( inner )`. */
export class ParenNode extends Spanned implements ParenExpr {
  declare readonly kind: "Paren";
  declare readonly inner: ExprNode;
  constructor(inner: ExprNode, start: number, end: number) {
    super();
    this.kind = "Paren";
    this.inner = inner;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made placeholder for an expression that could not be parsed. */
export class InvalidNode extends Spanned implements InvalidExpr {
  declare readonly kind: "Invalid";
  constructor(start: number, end: number) {
    super();
    this.kind = "Invalid";
    this.start = start;
    this.end = end;
  }
}

/** Parser-made comment. */
export class CommentNode extends Spanned implements Comment {
  declare readonly kind: "Comment";
  declare readonly text: string;
  constructor(text: string, start: number, end: number) {
    super();
    this.kind = "Comment";
    this.text = text;
    this.start = start;
    this.end = end;
  }
}

/** Parser-made comment group. */
export class CommentGroupNode extends Spanned implements CommentGroup {
  declare readonly kind: "CommentGroup";
  declare readonly comments: CommentNode[];
  constructor(comments: CommentNode[], start: number, end: number) {
    super();
    this.kind = "CommentGroup";
    this.comments = comments;
    this.start = start;
    this.end = end;
  }
}

/** A parser-made statement. */
export type StatementNode = AttributeNode | BlockNode;

/** A parser-made expression. */
export type ExprNode =
  | IdentifierNode
  | LiteralNode
  | ArrayNode
  | ObjectNode
  | AccessNode
  | IndexNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | ParenNode
  | InvalidNode;
