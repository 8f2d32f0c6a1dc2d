/** A dependency graph that keeps insertion order (for upstream's report order) and finds cycles. */

export interface GraphNode {
  readonly id: string;
}

export class Graph<N extends GraphNode> {
  readonly nodes: N[] = [];
  private readonly byId = new Map<string, N>();
  private readonly out = new Map<N, Set<N>>();

  constructor(readonly parent?: Graph<N>) {}

  add(n: N): void {
    this.nodes.push(n);
    this.byId.set(n.id, n);
  }

  /** Looks a node up here, then in the enclosing graphs (foreach templates see their parent's nodes). */
  get(id: string): N | undefined {
    return this.byId.get(id) ?? this.parent?.get(id);
  }

  isFromParent(n: N): boolean {
    return !this.byId.has(n.id) && this.parent?.get(n.id) !== undefined;
  }

  addEdge(from: N, to: N): void {
    let s = this.out.get(from);
    if (!s) this.out.set(from, (s = new Set()));
    s.add(to);
  }

  /** Edges in insertion order. */
  *edges(): Iterable<[N, N]> {
    for (const [from, tos] of this.out) for (const to of tos) yield [from, to];
  }

  /** Strongly connected components (Tarjan), roots visited in insertion order. */
  stronglyConnected(): N[][] {
    const index = new Map<N, number>();
    const low = new Map<N, number>();
    const onStack = new Set<N>();
    const stack: N[] = [];
    const result: N[][] = [];
    let counter = 0;
    // Iterative Tarjan to stay safe on very deep graphs.
    for (const root of this.nodes) {
      if (index.has(root)) continue;
      const work: { n: N; it: Iterator<N> }[] = [];
      const visit = (n: N): void => {
        counter++;
        index.set(n, counter);
        low.set(n, counter);
        stack.push(n);
        onStack.add(n);
        work.push({ n, it: (this.out.get(n) ?? new Set<N>()).values() });
      };
      visit(root);
      while (work.length) {
        const top = work[work.length - 1]!;
        const nx = top.it.next();
        if (!nx.done) {
          const s = nx.value;
          if (!index.has(s)) visit(s);
          else if (onStack.has(s)) low.set(top.n, Math.min(low.get(top.n)!, index.get(s)!));
          continue;
        }
        work.pop();
        if (work.length) {
          const parent = work[work.length - 1]!.n;
          low.set(parent, Math.min(low.get(parent)!, low.get(top.n)!));
        }
        if (low.get(top.n) === index.get(top.n)) {
          const comp: N[] = [];
          let x: N;
          do {
            x = stack.pop()!;
            onStack.delete(x);
            comp.push(x);
          } while (x !== top.n);
          result.push(comp);
        }
      }
    }
    return result;
  }
}
