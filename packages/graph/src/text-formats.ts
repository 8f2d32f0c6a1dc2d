/**
 * DOT (Graphviz) and Mermaid renderings of a graph: no layout of ours, the tools lay them out. Node ids are
 * replaced by `n0`, `n1`, … (graph order), so every id is valid in both languages whatever the component names.
 */
import type { GraphContainer, GraphNode, PipelineGraph } from "./model.js";
import { KIND_STYLE, kindLine, SIGNAL_COLOR } from "./style.js";

function shortIds(graph: PipelineGraph): Map<string, string> {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  graph.containers.forEach((c, i) => ids.set(c.id, `c${i}`));
  return ids;
}

/** Children of each container (undefined: the top level), nodes and containers, in graph order. */
function tree(graph: PipelineGraph): Map<string | undefined, Array<GraphNode | GraphContainer>> {
  const known = new Set(graph.containers.map((c) => c.id));
  const out = new Map<string | undefined, Array<GraphNode | GraphContainer>>();
  const add = (parent: string | undefined, x: GraphNode | GraphContainer) => {
    const key = parent !== undefined && known.has(parent) ? parent : undefined;
    out.set(key, [...(out.get(key) ?? []), x]);
  };
  for (const c of graph.containers) add(c.parent, c);
  for (const n of graph.nodes) add(n.parent, n);
  return out;
}

const isContainer = (x: GraphNode | GraphContainer): x is GraphContainer => !("settings" in x);

const dotString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

export function renderDot(graph: PipelineGraph): string {
  const ids = shortIds(graph);
  const children = tree(graph);
  const lines = [`digraph ${dotString(graph.file)} {`, "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="sans-serif", fontsize=11];', '  edge [fontname="sans-serif", fontsize=9];'];
  const emit = (parent: string | undefined, indent: string) => {
    for (const x of children.get(parent) ?? []) {
      if (isContainer(x)) {
        lines.push(`${indent}subgraph cluster_${ids.get(x.id)} {`, `${indent}  label=${dotString(x.title)};`, `${indent}  style=rounded;`);
        emit(x.id, indent + "  ");
        lines.push(`${indent}}`);
      } else {
        const dashed = x.marks?.some((m) => m !== "bridge") ? ', style="rounded,dashed"' : "";
        const badge = x.diagnostics ? `\n${x.diagnostics.severity}: ${x.diagnostics.count}` : "";
        lines.push(`${indent}${ids.get(x.id)} [label=${dotString(`${x.title}\n${kindLine(x.kind, x.marks)}${badge}`)}, color=${dotString(KIND_STYLE[x.kind].color)}${dashed}];`);
      }
    }
  };
  emit(undefined, "  ");
  for (const e of graph.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    const color = SIGNAL_COLOR[e.signal ?? "none"];
    lines.push(`  ${from} -> ${to} [color=${dotString(color)}${e.signal ? `, label=${dotString(e.signal)}` : ""}];`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Mermaid label text: quotes and markup characters as entity codes, which Mermaid decodes. */
const mermaidText = (s: string) => s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);

export function renderMermaid(graph: PipelineGraph): string {
  const ids = shortIds(graph);
  const children = tree(graph);
  const lines = ["flowchart LR"];
  const emit = (parent: string | undefined, indent: string) => {
    for (const x of children.get(parent) ?? []) {
      if (isContainer(x)) {
        lines.push(`${indent}subgraph ${ids.get(x.id)}["${mermaidText(x.title)}"]`);
        emit(x.id, indent + "  ");
        lines.push(`${indent}end`);
      } else {
        const badge = x.diagnostics ? `<br/>${x.diagnostics.severity}: ${x.diagnostics.count}` : "";
        lines.push(`${indent}${ids.get(x.id)}["${mermaidText(x.title)}<br/><small>${mermaidText(kindLine(x.kind, x.marks))}</small>${badge}"]:::${x.kind}`);
      }
    }
  };
  emit(undefined, "  ");
  const drawn = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  for (const e of drawn) lines.push(`  ${ids.get(e.from)} -->${e.signal ? `|${e.signal}|` : ""} ${ids.get(e.to)}`);
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const k of kinds) lines.push(`  classDef ${k} stroke:${KIND_STYLE[k].color},stroke-width:2px`);
  // Edge colours by signal: Mermaid styles links by their index among the links drawn.
  drawn.forEach((e, i) => {
    if (e.signal) lines.push(`  linkStyle ${i} stroke:${SIGNAL_COLOR[e.signal]}`);
  });
  return lines.join("\n") + "\n";
}

/** The graph as JSON text, keys in a fixed order (the model's), two-space indented. */
export function renderJson(graph: PipelineGraph): string {
  return JSON.stringify(graph, null, 2) + "\n";
}
