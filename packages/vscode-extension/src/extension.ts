/**
 * VS Code extension: starts the bundled Alloy language server (or a configured `alloy` executable) and adds
 * the command that converts an OpenTelemetry Collector YAML document to Alloy, shown beside the source.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { showPipelineGraph, SHOW_GRAPH_COMMAND } from "./graph-view.js";

const CONVERT_COMMAND = "alloy.convertOtelcol";
let client: LanguageClient | undefined;

/** The server's answer: LSP diagnostics ranged on the YAML (severity 1 is Error), also published for its uri. */
interface ConversionResult {
  output: string;
  diagnostics: { severity?: number; code?: string | number; message: string }[];
}

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const configured = vscode.workspace.getConfiguration("alloy").get<string>("server.path");
  if (configured) return { command: configured, args: ["lsp", "--stdio"], transport: TransportKind.stdio };
  const module = context.asAbsolutePath(path.join("dist", "server.cjs"));
  // The bundled server finds the component schemas shipped inside the extension through this variable.
  const env = { ...process.env, ALLOY_SCHEMAS_DIR: context.asAbsolutePath("schemas") };
  return {
    run: { module, transport: TransportKind.stdio, options: { env } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: ["--nolazy", "--inspect=6011"] } },
  };
}

/** The `alloy.*` settings the server reads. */
const SERVER_SETTINGS = ["stabilityLevel", "communityComponents", "runFlags"];

/**
 * The server's settings as the user set them (folder, workspace or user level); defaults are left out, so that
 * the workspace's run-flags file applies where the user set nothing.
 */
function explicitSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("alloy");
  const out: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    const set = config.inspect(key);
    const value = set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "alloy" }],
    outputChannelName: "Alloy Language Server",
    // `alloy.stabilityLevel`, `alloy.communityComponents` and `alloy.runFlags` reach the server at start and on
    // every change (sent by activate's listener: the library's own synchronisation would send the defaults too).
    initializationOptions: explicitSettings(),
  };
  client = new LanguageClient("alloy", "Alloy Language Server", serverOptions(context), clientOptions);
  await client.start();
}

/** Converts the active YAML editor (or its selection) and opens the Alloy result beside it. */
async function convertActiveDocument(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showErrorMessage("Open an OpenTelemetry Collector YAML file first.");
    return;
  }
  // The whole document is sent with its uri, so the server publishes the converter's diagnostics on the YAML;
  // a selection's ranges would not be the document's, so it gets the summary only.
  const whole = editor.selection.isEmpty;
  const text = whole ? editor.document.getText() : editor.document.getText(editor.selection);
  const arg = whole ? { text, uri: editor.document.uri.toString() } : { text };
  const result = (await client.sendRequest("workspace/executeCommand", { command: CONVERT_COMMAND, arguments: [arg] })) as ConversionResult | null;
  if (!result) {
    void vscode.window.showErrorMessage("The conversion did not produce a result.");
    return;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 1);
  if (result.output) {
    const doc = await vscode.workspace.openTextDocument({ language: "alloy", content: result.output });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  if (result.diagnostics.length) {
    const label = (d: ConversionResult["diagnostics"][number]) => (d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info");
    const summary = result.diagnostics.map((d) => `${label(d)}: ${d.message}${d.code ? ` [${d.code}]` : ""}`).join("\n");
    if (errors.length) void vscode.window.showErrorMessage(`Conversion reported ${errors.length} error(s):\n${summary}`);
    else void vscode.window.showWarningMessage(`Conversion notes:\n${summary}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand(CONVERT_COMMAND, () => convertActiveDocument()),
    vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, () => showPipelineGraph(client)),
    vscode.commands.registerCommand("alloy.restartServer", async () => {
      await client?.stop();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("alloy")) void client?.sendNotification("workspace/didChangeConfiguration", { settings: { alloy: explicitSettings() } });
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
