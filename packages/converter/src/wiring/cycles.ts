/** Which nodes of a directed graph lie on a cycle (strongly connected components, Tarjan, without recursion). */

/**
 * The nodes that lie on at least one cycle of `edges` (node → successors): members of a strongly connected
 * component with more than one node, and nodes with an edge to themselves. Successors that are not keys of `edges`
 * are nodes without outgoing edges.
 */
export function findCycleNodes(edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  const next = (n: string) => edges.get(n) ?? [];
  let counter = 0;

  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    // Each frame: a node and the position of the next successor to visit.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [node, i] = frame;
      const succ = next(node);
      if (i < succ.length) {
        frame[1] = i + 1;
        const s = succ[i]!;
        if (!index.has(s)) {
          index.set(s, counter);
          low.set(s, counter++);
          stack.push(s);
          onStack.add(s);
          frames.push([s, 0]);
        } else if (onStack.has(s)) {
          low.set(node, Math.min(low.get(node)!, index.get(s)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) !== index.get(node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || next(node).includes(node)) for (const m of component) result.add(m);
    }
  }
  return result;
}
