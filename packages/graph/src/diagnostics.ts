/**
 * Diagnostic badges: each diagnostic handed in (the validator's, the converter's) goes to the node whose source
 * lines hold it, the innermost when nodes nest; the badge shows the worst severity and the count.
 */
import type { GraphNode, InputDiagnostic, NodeDiagnostics } from "./model.js";

// A Critical (the converter's) badges as an error: the node cannot be used as written either way.
const RANK = { critical: 3, error: 3, warning: 2, info: 1 } as const;
const MAX_MESSAGES = 5;

export function attachDiagnostics(nodes: GraphNode[], diagnostics: readonly InputDiagnostic[] | undefined): GraphNode[] {
  if (!diagnostics || diagnostics.length === 0) return nodes;
  const found = new Map<GraphNode, InputDiagnostic[]>();
  for (const d of diagnostics) {
    let best: GraphNode | undefined;
    for (const n of nodes) {
      if (d.line < n.line || d.line > n.endLine) continue;
      if (!best || n.endLine - n.line < best.endLine - best.line) best = n;
    }
    if (best) found.set(best, [...(found.get(best) ?? []), d]);
  }
  return nodes.map((n) => {
    const ds = found.get(n);
    return ds ? { ...n, diagnostics: badge(ds) } : n;
  });
}

/** The badge of a list of diagnostics. */
export function badge(ds: readonly InputDiagnostic[]): NodeDiagnostics {
  let severity: NodeDiagnostics["severity"] = "info";
  for (const d of ds) if (RANK[d.severity] > RANK[severity]) severity = d.severity === "critical" ? "error" : d.severity;
  const sorted = [...ds].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return { severity, count: ds.length, messages: sorted.slice(0, MAX_MESSAGES).map((d) => d.message) };
}
