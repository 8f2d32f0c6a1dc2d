/**
 * Connection wiring: capabilities, handler registration and the stdio entry point. Everything here is thin;
 * answers come from the pure functions in ./service.
 */
import path from "node:path";
import {
  ConnectionError,
  ConnectionErrors,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  InsertTextMode,
  type Connection,
  type InitializeParams,
} from "vscode-languageserver/node.js";
import { initializeRefusal, initializeResult, negotiateEncoding } from "./capabilities.js";
import { register as registerCodeActions } from "./handlers/code-actions.js";
import { register as registerCommands } from "./handlers/commands.js";
import { register as registerCompletion } from "./handlers/completion.js";
import { register as registerDefinition } from "./handlers/definition.js";
import { register as registerFormatting } from "./handlers/formatting.js";
import { register as registerGraph } from "./handlers/graph.js";
import { register as registerHover } from "./handlers/hover.js";
import { register as registerRename } from "./handlers/rename.js";
import { register as registerSemanticTokens } from "./handlers/semantic-tokens.js";
import { register as registerSignatureHelp } from "./handlers/signature-help.js";
import { register as registerSymbols } from "./handlers/symbols.js";
import { register as registerSync } from "./handlers/sync.js";
import { logError, type ServerState } from "./handlers/state.js";
import type { ServiceContext } from "./service/context.js";
import { defaultServiceContext } from "./service-context.js";
import { DiagnosticsScheduler, defaultSchedulerOptions, type SchedulerOptions } from "./workspace/diagnostics-scheduler.js";
import { DocumentStore } from "./workspace/document-store.js";
import { WarmUp } from "./workspace/warm-up.js";
import { DEFAULT_RUN_FLAGS_FILE, Settings, workspaceRoot } from "./workspace/settings.js";
import { Folder, withoutCrossFileFalsePositives } from "./workspace/folder.js";
import type { StartService } from "./stdio.js";

export interface ServerOptions {
  readonly ctx?: ServiceContext;
  readonly scheduler?: Partial<SchedulerOptions>;
}

/** Registers every feature on a connection, `initialize` included, and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerState {
  const { state, accept } = registerService(connection, options);
  connection.onInitialize((params) => {
    const refusal = initializeRefusal(state.initialized, params);
    if (refusal !== undefined) return refusal;
    accept(params);
    return initializeResult(params);
  });
  connection.listen();
  return state;
}

/** The language service as runStdioServer starts it, with the default context. */
export const startService: StartService = (connection) => registerService(connection, {}).accept;

/**
 * Registers every feature but `initialize` on a connection; `accept` takes the params of the client's accepted
 * `initialize` request.
 */
function registerService(connection: Connection, options: ServerOptions): { state: ServerState; accept: (params: InitializeParams) => void } {
  const store = new DocumentStore();
  const ctx = options.ctx ?? defaultServiceContext();
  const folder = new Folder(store);
  // The validator's settings: the editor's, else the workspace's run-flags file (workspace/settings.ts).
  const settings = new Settings(
    ctx.settings ?? {},
    (message) => logError(state, "settings", message),
    (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `alloy: ${message}` }).catch(() => undefined),
  );
  const recheckAll = (): void => {
    for (const uri of store.uris()) scheduler.schedule(uri);
  };
  const state: ServerState = {
    folder,
    connection,
    store,
    ctx,
    settings: () => {
      if (settings.refresh()) recheckAll();
    },
    busy: () => warmUp.postpone(),
    client: { snippets: false, insertAsIs: false, watchFiles: false },
    initialized: false,
    diagnostics: undefined as unknown as DiagnosticsScheduler,
  };
  // Compiles the request paths while the editor is idle after the first diagnostics (warm-up.ts).
  const warmUp = new WarmUp(ctx);
  const scheduler = new DiagnosticsScheduler(
    store,
    ctx,
    (uri, version, diagnostics) => {
      void connection.sendDiagnostics({ uri, version, diagnostics: withoutCrossFileFalsePositives(folder, uri, diagnostics) });
      warmUp.start();
    },
    { ...defaultSchedulerOptions, ...options.scheduler },
    // The editor went away (its end of the stream closed) with diagnostics still pending: nothing to report.
    (e) => (e instanceof ConnectionError && e.code === ConnectionErrors.Closed ? scheduler.dispose() : logError(state, "diagnostics", e)),
  );
  (state as { diagnostics: DiagnosticsScheduler }).diagnostics = scheduler;

  const accept = (params: InitializeParams): void => {
    state.initialized = true;
    settings.root = workspaceRoot(params);
    settings.applyInit(params.initializationOptions);
    state.client.watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const item = params.capabilities.textDocument?.completion?.completionItem;
    state.client.snippets = item?.snippetSupport === true;
    state.client.insertAsIs = item?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs) === true;
    store.encoding = negotiateEncoding(params.capabilities.general?.positionEncodings);
  };
  connection.onInitialized(() => {
    // The run-flags file is watched where the client can (else it is checked for changes as documents change).
    if (state.client.watchFiles) {
      const name = settings.runFlagsPath ? path.basename(settings.runFlagsPath) : DEFAULT_RUN_FLAGS_FILE;
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${name}` }] })
        .catch((e: unknown) => logError(state, "register file watcher", e));
    }
    // Load the component catalogue while the editor is idle, not on the first completion request.
    setTimeout(() => {
      try {
        ctx.catalog.components();
      } catch (e) {
        logError(state, "catalog", e);
      }
    }, 0);
  });
  connection.onShutdown(() => {
    scheduler.dispose();
    warmUp.dispose();
  });
  // Push-style configuration (`workspace/didChangeConfiguration`, section `alloy`): every open document is
  // checked again with the new settings.
  connection.onDidChangeConfiguration((p) => {
    try {
      if (settings.applyConfiguration(p?.settings)) recheckAll();
    } catch (e) {
      logError(state, "didChangeConfiguration", e);
    }
  });
  connection.onDidChangeWatchedFiles(() => {
    try {
      if (settings.refresh(true)) recheckAll();
    } catch (e) {
      logError(state, "didChangeWatchedFiles", e);
    }
  });

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
    registerGraph,
  ]) register(state);

  return { state, accept };
}
