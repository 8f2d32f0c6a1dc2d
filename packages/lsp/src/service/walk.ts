/**
 * Pre-order traversal in source order with an explicit stack. Trees as deep as the input is long (a reference
 * chain of 100,000 parts is 100,000 nested nodes) must not overflow the call stack of the server.
 */
import { children, type Node, type Visitor } from "@alloy-ts/grammar";

export function walkIterative(root: Node, visit: Visitor): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    if (visit(node, parent) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
}
