/**
 * Both sides of a migration: the collector graph, the Alloy graph it was converted to, and a link from each
 * collector node to the Alloy block(s) it became.
 *
 * The links come from the converter's settings ledger: a row `owner: receiver/otlp, detail:
 * otelcol.receiver.otlp.default.grpc.endpoint …` links the collector component to the Alloy node whose reference
 * name is the longest prefix of the detail. A component written with no settings has no row; it is linked to the
 * Alloy block of its type whose label is the converter's label for a component of the default group (`default`,
 * `default_<name>`). A used collector component that is linked to nothing is marked `not-carried`.
 */
import { sanitizeIdentifier } from "@alloy-ts/grammar";
import type { ViewLink } from "./html.js";
import type { GraphLayout } from "./layout.js";
import type { GraphNode, PipelineGraph } from "./model.js";
import { renderSvg } from "./svg.js";
import { escapeXml } from "./style.js";

/** What the graph reads of a ledger row (the converter's `SettingFate`). */
export interface LedgerRow {
  readonly owner: string;
  readonly fate: string;
  readonly detail: string;
}

export interface Comparison {
  readonly collector: PipelineGraph;
  readonly alloy: PipelineGraph;
  readonly links: readonly ViewLink[];
}

/** Fates whose detail names where the setting went. */
const PLACED = new Set(["carried", "default", "folded", "kept"]);

/** The collector component a node stands for: its id without the instance suffix. */
export const ownerOf = (n: GraphNode): string => n.id.replace(/@.*$/, "");

export function compareGraphs(collector: PipelineGraph, alloy: PipelineGraph, ledger: readonly LedgerRow[]): Comparison {
  const top = alloy.nodes.filter((n) => n.parent === undefined);
  const byRef = new Map(top.map((n) => [n.id, n]));
  const targets = new Map<string, Set<string>>();
  for (const row of ledger) {
    if (!PLACED.has(row.fate)) continue;
    const ref = row.detail.split(/\s/, 1)[0] ?? "";
    const node = longestPrefix(byRef, ref);
    if (!node) continue;
    let set = targets.get(row.owner);
    if (!set) targets.set(row.owner, (set = new Set()));
    set.add(node.id);
  }
  const links: ViewLink[] = [];
  const nodes = collector.nodes.map((n) => {
    const owner = ownerOf(n);
    let to = [...(targets.get(owner) ?? [])];
    if (to.length === 0) {
      const byLabel = defaultLabelMatch(top, n);
      if (byLabel) to = [byLabel.id];
    }
    for (const id of to.sort()) links.push({ from: n.id, to: id });
    const started = !n.marks?.includes("unused") && !n.marks?.includes("undefined");
    return to.length === 0 && started && n.kind !== "extension" ? { ...n, marks: [...(n.marks ?? []), "not-carried" as const] } : n;
  });
  return { collector: { ...collector, nodes }, alloy, links };
}

function longestPrefix(byRef: Map<string, GraphNode>, ref: string): GraphNode | undefined {
  const parts = ref.split(".");
  for (let n = parts.length; n >= 1; n--) {
    const hit = byRef.get(parts.slice(0, n).join("."));
    if (hit) return hit;
  }
  return undefined;
}

/** The converter's label of a component in the default group: `default`, or `default_<name>` made an identifier. */
function defaultLabelMatch(alloy: readonly GraphNode[], n: GraphNode): GraphNode | undefined {
  const name = n.label ?? "";
  const sanitized = sanitizeIdentifier(`default_${name}`);
  const label = name === "" || !sanitized.ok ? "default" : sanitized.value;
  const suffix = `.${n.kind}.${n.component}`;
  return alloy.find((a) => a.label === label && (a.component.endsWith(suffix) || a.component === `otel${suffix}`));
}

const GAP = 120;

/** One SVG with the collector drawing on the left, the Alloy drawing on the right, and the links between them. */
export function renderCompareSvg(left: GraphLayout, right: GraphLayout, links: readonly ViewLink[]): string {
  const margin = 16;
  const lw = left.width + margin * 2;
  const width = lw + GAP + right.width + margin * 2;
  const height = Math.max(left.height, right.height) + margin * 2 + 24;
  // Each drawing without its own <svg> element and background, so that the links beneath show through.
  const inner = (svg: string) => svg.replace(/^<svg [^>]*>/, "").replace(/<\/svg>\n?$/, "").replace(/<rect class="g-bg"[^>]*\/>/, "");
  const paths: string[] = [];
  for (const l of links) {
    const a = left.nodes[l.from];
    const b = right.nodes[l.to];
    if (!a || !b) continue;
    const x1 = margin + a.x + a.width;
    const y1 = 24 + margin + a.y + a.height / 2;
    const x2 = lw + GAP + margin + b.x;
    const y2 = 24 + margin + b.y + b.height / 2;
    const mx = (x1 + x2) / 2;
    paths.push(`<path class="compare-link" data-from="${escapeXml(l.from)}" data-to="${escapeXml(l.to)}" d="M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="#0d9488" stroke-opacity="0.55" stroke-width="1.2" stroke-dasharray="5 4"/>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="alloy-graph-compare" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin}" y="18" font-size="14" font-weight="600">${escapeXml(left.graph.file)}</text>`,
    `<text x="${lw + GAP + margin}" y="18" font-size="14" font-weight="600">${escapeXml(right.graph.file)}</text>`,
    // The links first, so that they run beneath the nodes they join.
    ...paths,
    `<g class="side collector" transform="translate(0,24)">${inner(renderSvg(left))}</g>`,
    // The markers are defined once, by the left drawing (the same ids and shapes in both).
    `<g class="side alloy" transform="translate(${lw + GAP},24)">${inner(renderSvg(right)).replace(/<defs>[\s\S]*?<\/defs>/, "")}</g>`,
    "</svg>",
    "",
  ].join("\n");
}
