/**
 * A self-contained HTML page of one or more laid-out graphs: the SVG inline, pan (drag) and zoom (wheel, buttons),
 * and a details panel that shows a clicked node's settings, diagnostics and `file:line:col`. No network access,
 * no external script. The same page is the VS Code webview: where `acquireVsCodeApi` exists, a click also posts
 * `{ type: "reveal", file, line, column }`, and a posted `{ type: "graph", views }` message replaces the drawing.
 */
import type { GraphLayout } from "./layout.js";
import type { PipelineGraph } from "./model.js";
import { escapeXml } from "./style.js";
import { renderSvg } from "./svg.js";

/** One drawing of the page: its graph, its SVG and a heading. */
export interface GraphView {
  readonly title: string;
  readonly graph: PipelineGraph;
  readonly svg: string;
}

/** Links drawn between two views (`--compare`): node ids of the first view to node ids of the second. */
export interface ViewLink {
  readonly from: string;
  readonly to: string;
}

export interface HtmlOptions {
  readonly title?: string;
  /** Extra views drawn side by side after the first (`--compare`). */
  readonly views?: readonly GraphView[];
  readonly links?: readonly ViewLink[];
  /** Content-Security-Policy nonce for the inline script and style (the VS Code webview sets one). */
  readonly nonce?: string;
  /** The `<meta http-equiv="Content-Security-Policy">` content, when the host requires one. */
  readonly csp?: string;
}

export function viewOf(layout: GraphLayout, title = layout.graph.file): GraphView {
  return { title, graph: layout.graph, svg: renderSvg(layout) };
}

/** The JSON of the embedded data, safe inside `<script>`: no `<` survives, so no `</script>` can. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function renderHtml(layout: GraphLayout | readonly GraphView[], options: HtmlOptions = {}): string {
  const views = Array.isArray(layout) ? (layout as readonly GraphView[]) : [viewOf(layout as GraphLayout), ...(options.views ?? [])];
  const title = options.title ?? views.map((v) => v.title).join(" → ");
  const nonce = options.nonce ? ` nonce="${escapeXml(options.nonce)}"` : "";
  const data = { views: views.map((v) => ({ title: v.title, graph: v.graph, svg: v.svg })), links: options.links ?? [] };
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    options.csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeXml(options.csp)}">` : "",
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style${nonce}>${PAGE_CSS}</style>`,
    "</head><body>",
    '<div id="toolbar"><button id="zoom-in" title="Zoom in">+</button><button id="zoom-out" title="Zoom out">−</button><button id="zoom-fit" title="Fit">fit</button><span id="heading"></span></div>',
    '<div id="main"><div id="stage"><div id="canvas"></div></div><aside id="details"><p class="hint">Click a node to see its settings and where it is written.</p></aside></div>',
    `<script type="application/json" id="graph-data">${scriptJson(data)}</script>`,
    `<script${nonce}>${PAGE_SCRIPT}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}

const PAGE_CSS = [
  "html,body{margin:0;height:100%;font:13px sans-serif;color:#0f172a;background:#fff}",
  "#toolbar{height:34px;display:flex;gap:6px;align-items:center;padding:0 8px;border-bottom:1px solid #e2e8f0}",
  "#toolbar button{min-width:30px;height:24px}",
  "#heading{margin-left:8px;color:#475569}",
  "#main{display:flex;height:calc(100% - 35px)}",
  "#stage{flex:1;overflow:hidden;position:relative;cursor:grab}",
  "#stage.dragging{cursor:grabbing}",
  "#canvas{transform-origin:0 0;position:absolute;left:0;top:0;display:flex;gap:48px;align-items:flex-start}",
  ".view h2{font-size:14px;margin:8px 0 4px 16px}",
  "#links{position:absolute;left:0;top:0;pointer-events:none;overflow:visible}",
  "#details{width:340px;border-left:1px solid #e2e8f0;overflow:auto;padding:8px 12px}",
  "#details table{border-collapse:collapse;width:100%}",
  "#details td{border-top:1px solid #f1f5f9;padding:2px 4px;vertical-align:top;word-break:break-all}",
  "#details td:first-child{color:#475569;white-space:nowrap}",
  "#details .where{font-family:monospace}",
  "#details .diag{color:#b91c1c}",
  ".hint{color:#64748b}",
].join("\n");

/** The page's script: plain ES2017, no dependencies. */
const PAGE_SCRIPT = String.raw`(function () {
  "use strict";
  var vscode = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : undefined;
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var stage = document.getElementById("stage");
  var canvas = document.getElementById("canvas");
  var details = document.getElementById("details");
  var heading = document.getElementById("heading");
  var view = { x: 0, y: 0, k: 1 };
  var fitted = false;

  function apply() { canvas.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.k + ")"; }
  function fit() {
    var w = canvas.scrollWidth || 1, h = canvas.scrollHeight || 1;
    var sw = stage.clientWidth || 800, sh = stage.clientHeight || 600;
    view.k = Math.min(1.5, Math.max(0.05, Math.min(sw / w, sh / h) * 0.95));
    view.x = (sw - w * view.k) / 2; view.y = Math.max(0, (sh - h * view.k) / 2);
    apply();
  }
  function zoom(f, cx, cy) {
    var k = Math.min(8, Math.max(0.05, view.k * f));
    view.x = cx - (cx - view.x) * (k / view.k); view.y = cy - (cy - view.y) * (k / view.k); view.k = k; apply();
  }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }

  function nodeOf(viewIndex, id) {
    var g = data.views[viewIndex].graph;
    for (var i = 0; i < g.nodes.length; i++) if (g.nodes[i].id === id) return g.nodes[i];
    return undefined;
  }
  function show(viewIndex, id, target) {
    var prev = canvas.querySelectorAll(".node.selected");
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove("selected");
    if (target) target.classList.add("selected");
    var g = data.views[viewIndex].graph, n = nodeOf(viewIndex, id);
    if (!n) return;
    details.textContent = "";
    details.appendChild(el("h3", n.title));
    details.appendChild(el("div", n.kind + (n.marks && n.marks.length ? " · " + n.marks.join(", ") : "")));
    var where = el("div", g.file + ":" + n.line + ":" + n.column, "where");
    where.id = "where";
    details.appendChild(where);
    if (n.diagnostics) n.diagnostics.messages.forEach(function (m) { details.appendChild(el("div", n.diagnostics.severity + ": " + m, "diag")); });
    var table = el("table");
    table.id = "settings";
    n.settings.forEach(function (s) { var tr = el("tr"); tr.appendChild(el("td", s.name)); tr.appendChild(el("td", s.value)); table.appendChild(tr); });
    if (n.settings.length === 0) details.appendChild(el("p", "No settings.", "hint")); else details.appendChild(table);
    var ins = g.edges.filter(function (e) { return e.to === id; }), outs = g.edges.filter(function (e) { return e.from === id; });
    if (ins.length || outs.length) {
      details.appendChild(el("h4", "Connections"));
      ins.forEach(function (e) { details.appendChild(el("div", "← " + e.from + (e.signal ? " (" + e.signal + ")" : ""))); });
      outs.forEach(function (e) { details.appendChild(el("div", "→ " + e.to + (e.signal ? " (" + e.signal + ")" : ""))); });
    }
    if (vscode) vscode.postMessage({ type: "reveal", file: g.file, line: n.line, column: n.column });
  }

  function drawLinks() {
    var old = document.getElementById("links");
    if (old) old.remove();
    if (!data.links.length || data.views.length < 2) return;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.id = "links";
    svg.setAttribute("width", canvas.scrollWidth); svg.setAttribute("height", canvas.scrollHeight);
    var base = canvas.getBoundingClientRect();
    var views = canvas.querySelectorAll(".view");
    function box(vi, id) {
      var nodes = views[vi].querySelectorAll(".node");
      for (var i = 0; i < nodes.length; i++) if (nodes[i].getAttribute("data-id") === id) {
        var r = nodes[i].getBoundingClientRect();
        return { x: (r.left - base.left) / view.k, y: (r.top - base.top) / view.k, w: r.width / view.k, h: r.height / view.k };
      }
      return undefined;
    }
    data.links.forEach(function (l) {
      var a = box(0, l.from), b = box(1, l.to);
      if (!a || !b) return;
      var p = document.createElementNS(ns, "path");
      var x1 = a.x + a.w, y1 = a.y + a.h / 2, x2 = b.x, y2 = b.y + b.h / 2, mx = (x1 + x2) / 2;
      p.setAttribute("d", "M" + x1 + "," + y1 + "C" + mx + "," + y1 + " " + mx + "," + y2 + " " + x2 + "," + y2);
      p.setAttribute("fill", "none"); p.setAttribute("stroke", "#0d9488"); p.setAttribute("stroke-dasharray", "5 4"); p.setAttribute("stroke-width", "1.2");
      p.setAttribute("class", "compare-link");
      svg.appendChild(p);
    });
    canvas.appendChild(svg);
  }

  function render() {
    canvas.textContent = "";
    heading.textContent = data.views.map(function (v) { return v.title; }).join("  ·  ");
    data.views.forEach(function (v, vi) {
      var div = el("div", undefined, "view");
      div.setAttribute("data-view", String(vi));
      if (data.views.length > 1) div.appendChild(el("h2", v.title));
      var holder = el("div");
      holder.innerHTML = v.svg;
      div.appendChild(holder);
      canvas.appendChild(div);
    });
    drawLinks();
    if (!fitted) { fit(); fitted = true; }
  }

  canvas.addEventListener("click", function (ev) {
    var t = ev.target;
    while (t && t !== canvas && !(t.classList && t.classList.contains("node"))) t = t.parentNode;
    if (!t || t === canvas || moved) return;
    var vi = Number(t.closest(".view").getAttribute("data-view"));
    show(vi, t.getAttribute("data-id"), t);
  });
  var drag = undefined, moved = false;
  stage.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; moved = false; });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; stage.classList.add("dragging"); }
    view.x = drag.vx + dx; view.y = drag.vy + dy; apply();
  });
  window.addEventListener("pointerup", function () { drag = undefined; stage.classList.remove("dragging"); setTimeout(function () { moved = false; }, 0); });
  stage.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = stage.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25, stage.clientWidth / 2, stage.clientHeight / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8, stage.clientWidth / 2, stage.clientHeight / 2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  window.addEventListener("message", function (ev) {
    var m = ev.data;
    if (!m || m.type !== "graph" || !m.views) return;
    data = { views: m.views, links: m.links || [] };
    render();
  });
  render();
  window.alloyGraph = { show: show, fit: fit, data: function () { return data; } };
  if (vscode) vscode.postMessage({ type: "ready" });
})();`;
