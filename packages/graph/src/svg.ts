/**
 * SVG of a laid-out graph: one self-contained `<svg>` (its own style block, no external fonts or scripts), each
 * node a `<g class="node" data-id data-line data-column>` so that a page can make it clickable.
 */
import type { GraphLayout, Point } from "./layout.js";
import { CHAR_WIDTH, NODE_HEIGHT } from "./metrics.js";
import type { GraphNode, Signal } from "./model.js";
import { escapeXml, KIND_STYLE, kindLine, SEVERITY_COLOR, SIGNAL_COLOR } from "./style.js";

const MARGIN = 16;

const CSS = [
  ".g-bg{fill:#ffffff}",
  ".g-container rect{fill:#f8fafc;stroke:#cbd5e1;stroke-width:1}",
  ".g-container.lane rect{fill:#f1f5f9}",
  ".g-container text{font:600 12px sans-serif;fill:#334155}",
  ".node rect.box{fill:#ffffff;stroke:#94a3b8;stroke-width:1}",
  ".node.unused rect.box,.node.undefined rect.box,.node.not-carried rect.box{stroke-dasharray:4 3;fill:#f9fafb}",
  ".node text.title{font:600 12px sans-serif;fill:#0f172a}",
  ".node text.kind{font:11px sans-serif;fill:#475569}",
  ".node text.badge{font:bold 10px sans-serif;fill:#ffffff}",
  ".node{cursor:pointer}",
  ".node.selected rect.box{stroke:#0f172a;stroke-width:2}",
  ".edge{fill:none;stroke-width:1.5}",
].join("");

export function renderSvg(layout: GraphLayout): string {
  const { graph } = layout;
  const width = layout.width + MARGIN * 2;
  const height = layout.height + MARGIN * 2;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="alloy-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`);
  out.push(`<title>${escapeXml(graph.file)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push("<defs>");
  for (const [signal, color] of Object.entries(SIGNAL_COLOR)) {
    out.push(`<marker id="arrow-${signal}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker>`);
  }
  out.push("</defs>");
  out.push(`<rect class="g-bg" width="${width}" height="${height}"/>`);
  out.push(`<g transform="translate(${MARGIN},${MARGIN})">`);
  for (const c of graph.containers) {
    const b = layout.containers[c.id];
    if (!b) continue;
    const signal = c.kind === "lane" ? c.title : undefined;
    const stroke = signal && signal in SIGNAL_COLOR ? ` style="stroke:${SIGNAL_COLOR[signal as Signal]}"` : "";
    out.push(
      `<g class="g-container ${c.kind}" data-id="${escapeXml(c.id)}" data-line="${c.line}" data-column="${c.column}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="8"${stroke}/><text x="${b.x + 10}" y="${b.y + 17}">${escapeXml(c.title)}</text></g>`,
    );
  }
  for (const e of graph.edges) {
    const pts = layout.edges[e.id];
    if (!pts || pts.length < 2) continue;
    const s = e.signal ?? "none";
    out.push(`<path class="edge sig-${s}" data-id="${e.id}" d="${pathOf(pts)}" stroke="${SIGNAL_COLOR[s]}" marker-end="url(#arrow-${s})"><title>${escapeXml(`${e.signal ?? "reference"}: ${e.via}`)}</title></path>`);
  }
  for (const n of graph.nodes) {
    const b = layout.nodes[n.id];
    if (b) out.push(nodeSvg(n, b.x, b.y, b.width));
  }
  out.push("</g></svg>");
  return out.join("\n") + "\n";
}

function nodeSvg(n: GraphNode, x: number, y: number, width: number): string {
  const color = KIND_STYLE[n.kind].color;
  const classes = ["node", `kind-${n.kind}`, ...(n.marks ?? [])].join(" ");
  const tooltip = [`${n.title} (line ${n.line})`, ...(n.diagnostics?.messages ?? [])].join("\n");
  const maxChars = Math.floor((width - 24) / CHAR_WIDTH);
  const parts = [
    `<g class="${classes}" data-id="${escapeXml(n.id)}" data-line="${n.line}" data-column="${n.column}" transform="translate(${x},${y})">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect class="box" width="${width}" height="${NODE_HEIGHT}" rx="6"/>`,
    `<rect width="5" height="${NODE_HEIGHT}" rx="2" fill="${color}"/>`,
    `<text class="title" x="14" y="19">${escapeXml(clip(n.title, maxChars))}</text>`,
    `<text class="kind" x="14" y="36">${escapeXml(clip(kindLine(n.kind, n.marks), maxChars))}</text>`,
  ];
  if (n.diagnostics) {
    const d = n.diagnostics;
    parts.push(
      `<g class="badge ${d.severity}"><circle cx="${width - 2}" cy="2" r="9" fill="${SEVERITY_COLOR[d.severity]}"/><text class="badge" x="${width - 2}" y="5.5" text-anchor="middle">${d.count > 99 ? "99+" : d.count}</text></g>`,
    );
  }
  parts.push("</g>");
  return parts.join("");
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

function pathOf(pts: readonly Point[]): string {
  return pts.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join("");
}
