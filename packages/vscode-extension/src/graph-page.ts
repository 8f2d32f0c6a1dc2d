/**
 * The page of the pipeline graph webview and the messages that update it, with no dependency on VS Code so
 * that a test can render it in a browser with a stand-in `acquireVsCodeApi`. The page is the graph package's
 * HTML view: a click on a node posts `{ type: "reveal", line, column }`; a `{ type: "graph", views }` message
 * redraws it in place (pan and zoom kept).
 */
import { renderHtml, type GraphView, type PipelineGraph } from "@alloy-ts/graph";

/** What the `alloy/graph` request answers (see packages/lsp/src/service/graph.ts). */
export interface GraphAnswer {
  readonly version?: number;
  readonly graph: PipelineGraph;
  readonly svg?: string;
  /** Why there is no drawing (the graph is past the layout's bounds). */
  readonly svgError?: string;
}

export interface RevealMessage {
  readonly type: "reveal";
  readonly line: number;
  readonly column: number;
}

export function viewsOf(answer: GraphAnswer, title: string): GraphView[] {
  return [{ title, graph: answer.graph, svg: answer.svg ?? "" }];
}

/** The message that redraws an open page. */
export function graphMessage(answer: GraphAnswer, title: string): { type: "graph"; views: GraphView[] } {
  return { type: "graph", views: viewsOf(answer, title) };
}

/**
 * The webview's HTML. Scripts run only with the nonce; styles may be inline because each SVG carries its own
 * `<style>` element, which a nonce cannot reach once the drawing is replaced.
 */
export function graphPage(answer: GraphAnswer, title: string, nonce: string, cspSource: string): string {
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';`;
  return renderHtml(viewsOf(answer, title), { title, nonce, csp });
}

/** Whether a message from the page asks to show a source position. */
export function isReveal(m: unknown): m is RevealMessage {
  const r = m as Partial<RevealMessage> | null;
  return typeof r === "object" && r !== null && r.type === "reveal" && Number.isInteger(r.line) && Number.isInteger(r.column);
}
