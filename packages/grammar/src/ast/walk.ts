/**
 * Depth-first traversal of the syntax tree in source order. Comments are not tree nodes (they live in
 * `File.comments`), so `walk` does not visit them.
 */
import type { Node } from "./nodes.js";

/** Called for each node with its parent (undefined for the root). Return `false` to skip the node's children. */
export type Visitor = (node: Node, parent: Node | undefined) => boolean | void;

/** Visits `node` and its descendants in source order (pre-order). */
export function walk(node: Node, visit: Visitor): void {
  visitNode(node, undefined, visit);
}

function visitNode(node: Node, parent: Node | undefined, visit: Visitor): void {
  if (visit(node, parent) === false) return;
  for (const child of children(node)) visitNode(child, node, visit);
}

/** Direct children of a node, in source order. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case "File":
      return node.body;
    case "Attribute":
      return [node.value];
    case "Block":
      return node.body;
    case "Access":
      return [node.value];
    case "Index":
      return [node.value, node.index];
    case "Call":
      return [node.callee, ...node.args];
    case "Unary":
      return [node.operand];
    case "Binary":
      return [node.left, node.right];
    case "Paren":
      return [node.inner];
    case "Array":
      return node.elements;
    case "Object":
      return node.fields;
    case "Field":
      return [node.value];
    case "CommentGroup":
      return node.comments;
    case "Identifier":
    case "Literal":
    case "Invalid":
    case "Comment":
      return [];
  }
}
