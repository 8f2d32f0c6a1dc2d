/**
 * "Alloy: Show Pipeline Graph": a webview beside the editor that draws the active Alloy or collector YAML
 * document through the language server's `alloy/graph` request, redraws it as the document is edited, and
 * moves the editor to a component when its node is clicked.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { graphMessage, graphPage, isReveal, type GraphAnswer } from "./graph-page.js";

export const SHOW_GRAPH_COMMAND = "alloy.showPipelineGraph";
const REDRAW_DELAY_MS = 300;

async function requestGraph(client: LanguageClient, doc: vscode.TextDocument): Promise<GraphAnswer | null> {
  // The text goes with the request: YAML documents are not synchronised with the server.
  return (await client.sendRequest("alloy/graph", {
    textDocument: { uri: doc.uri.toString() },
    text: doc.getText(),
    format: ["json", "svg"],
    ...(doc.languageId === "yaml" ? { sourceFormat: "otelcol" } : doc.languageId === "alloy" ? { sourceFormat: "alloy" } : {}),
  })) as GraphAnswer | null;
}

export async function showPipelineGraph(client: LanguageClient | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showErrorMessage("Open an Alloy file or an OpenTelemetry Collector YAML file first.");
    return;
  }
  const doc = editor.document;
  const title = `Graph: ${vscode.workspace.asRelativePath(doc.uri)}`;
  const first = await requestGraph(client, doc);
  if (!first || first.svg === undefined) {
    void vscode.window.showErrorMessage(`The language server could not draw this document${first?.svgError ? `: ${first.svgError}` : "."}`);
    return;
  }
  const panel = vscode.window.createWebviewPanel("alloyPipelineGraph", title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = graphPage(first, title, randomBytes(16).toString("base64"), panel.webview.cspSource);

  let timer: NodeJS.Timeout | undefined;
  const redraw = async () => {
    const answer = await requestGraph(client, doc).catch(() => null);
    if (answer?.svg !== undefined) void panel.webview.postMessage(graphMessage(answer, title));
  };
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void redraw(), REDRAW_DELAY_MS);
    }),
    panel.webview.onDidReceiveMessage(async (m: unknown) => {
      if (!isReveal(m)) return;
      const at = new vscode.Position(Math.max(0, m.line - 1), Math.max(0, m.column - 1));
      const shown = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      shown.selection = new vscode.Selection(at, at);
      shown.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  ];
  panel.onDidDispose(() => {
    if (timer) clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
  });
}
