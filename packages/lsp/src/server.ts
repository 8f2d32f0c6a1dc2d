/**
 * Connection wiring: capabilities, handler registration and the stdio entry point. Everything here is thin;
 * answers come from the pure functions in ./service.
 */
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node.js";
import { register as registerCodeActions } from "./handlers/code-actions.js";
import { register as registerCommands } from "./handlers/commands.js";
import { register as registerCompletion } from "./handlers/completion.js";
import { register as registerDefinition } from "./handlers/definition.js";
import { register as registerFormatting } from "./handlers/formatting.js";
import { register as registerHover } from "./handlers/hover.js";
import { register as registerRename } from "./handlers/rename.js";
import { register as registerSemanticTokens } from "./handlers/semantic-tokens.js";
import { register as registerSignatureHelp } from "./handlers/signature-help.js";
import { register as registerSymbols } from "./handlers/symbols.js";
import { register as registerSync } from "./handlers/sync.js";
import { logError, type ServerState } from "./handlers/state.js";
import type { ServiceContext } from "./service/context.js";
import { CONVERT_COMMAND } from "./service/convert.js";
import { semanticTokensLegend } from "./service/semantic-tokens.js";
import { defaultServiceContext } from "./service-context.js";
import { DiagnosticsScheduler, defaultSchedulerOptions, type SchedulerOptions } from "./workspace/diagnostics-scheduler.js";
import { DocumentStore } from "./workspace/document-store.js";

export const SERVER_NAME = "alloy-lsp";
export const SERVER_VERSION = "0.1.0";

export interface ServerOptions {
  readonly ctx?: ServiceContext;
  readonly scheduler?: Partial<SchedulerOptions>;
}

/** Registers every feature on a connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerState {
  const store = new DocumentStore();
  const ctx = options.ctx ?? defaultServiceContext();
  const state: ServerState = {
    connection,
    store,
    ctx,
    client: { snippets: false },
    diagnostics: undefined as unknown as DiagnosticsScheduler,
  };
  const scheduler = new DiagnosticsScheduler(
    store,
    ctx,
    (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    { ...defaultSchedulerOptions, ...options.scheduler },
    (e) => logError(state, "diagnostics", e),
  );
  (state as { diagnostics: DiagnosticsScheduler }).diagnostics = scheduler;

  connection.onInitialize((params): InitializeResult => {
    state.client.snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [".", '"'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        signatureHelpProvider: { triggerCharacters: ["(", ","] },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        executeCommandProvider: { commands: [CONVERT_COMMAND] },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });
  connection.onInitialized(() => {
    // Load the component catalogue while the editor is idle, not on the first completion request.
    setTimeout(() => {
      try {
        ctx.catalog.components();
      } catch (e) {
        logError(state, "catalog", e);
      }
    }, 0);
  });
  connection.onShutdown(() => scheduler.dispose());

  for (const register of [
    registerSync,
    registerCompletion,
    registerHover,
    registerDefinition,
    registerRename,
    registerSymbols,
    registerFormatting,
    registerSemanticTokens,
    registerSignatureHelp,
    registerCodeActions,
    registerCommands,
  ]) register(state);

  connection.listen();
  return state;
}

/**
 * Runs the server on standard input/output. Stray writes to stdout would corrupt the protocol stream, so
 * console output is sent to stderr, and an uncaught error is logged instead of ending the process.
 */
export function runStdioServer(options: ServerOptions = {}): void {
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
  process.on("uncaughtException", (e) => process.stderr.write(`uncaught: ${e?.stack ?? e}\n`));
  process.on("unhandledRejection", (e) => process.stderr.write(`unhandled rejection: ${String(e)}\n`));
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection, options);
}
