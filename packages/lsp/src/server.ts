/**
 * Connection wiring: capabilities, handler registration and the stdio entry point. Everything here is thin;
 * answers come from the pure functions in ./service.
 */
import {
  ConnectionError,
  ConnectionErrors,
  createConnection,
  ErrorCodes,
  InsertTextMode,
  ResponseError,
  ProposedFeatures,
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
import { register as registerGraph } from "./handlers/graph.js";
import { register as registerHover } from "./handlers/hover.js";
import { register as registerRename } from "./handlers/rename.js";
import { register as registerSemanticTokens } from "./handlers/semantic-tokens.js";
import { register as registerSignatureHelp } from "./handlers/signature-help.js";
import { register as registerSymbols } from "./handlers/symbols.js";
import { register as registerSync } from "./handlers/sync.js";
import { logError, type ServerState } from "./handlers/state.js";
import type { ServiceContext, ValidationSettings } from "./service/context.js";
import { CONVERT_COMMAND } from "./service/convert.js";
import { semanticTokensLegend } from "./service/semantic-tokens.js";
import { defaultServiceContext } from "./service-context.js";
import { DiagnosticsScheduler, defaultSchedulerOptions, type SchedulerOptions } from "./workspace/diagnostics-scheduler.js";
import { DocumentStore } from "./workspace/document-store.js";
import { Folder, withoutCrossFileFalsePositives } from "./workspace/folder.js";
import type { PositionEncoding } from "./line-index.js";
import { ResilientMessageReader, type Malformed } from "./transport.js";
import { VERSION } from "./generated/version.js";
import type { Message } from "vscode-languageserver/node.js";

export const SERVER_NAME = "alloy-lsp";
/** The server version reported in `initialize` (that of this package). */
export const SERVER_VERSION = VERSION;

export interface ServerOptions {
  readonly ctx?: ServiceContext;
  readonly scheduler?: Partial<SchedulerOptions>;
}

/** Registers every feature on a connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerState {
  const store = new DocumentStore();
  const ctx = options.ctx ?? defaultServiceContext();
  const folder = new Folder(store);
  const state: ServerState = {
    folder,
    connection,
    store,
    ctx,
    client: { snippets: false, insertAsIs: false },
    initialized: false,
    diagnostics: undefined as unknown as DiagnosticsScheduler,
  };
  const scheduler = new DiagnosticsScheduler(
    store,
    ctx,
    (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics: withoutCrossFileFalsePositives(folder, uri, diagnostics) }),
    { ...defaultSchedulerOptions, ...options.scheduler },
    // The editor went away (its end of the stream closed) with diagnostics still pending: nothing to report.
    (e) => (e instanceof ConnectionError && e.code === ConnectionErrors.Closed ? scheduler.dispose() : logError(state, "diagnostics", e)),
  );
  (state as { diagnostics: DiagnosticsScheduler }).diagnostics = scheduler;

  connection.onInitialize((params): InitializeResult | ResponseError<{ retry: boolean }> => {
    if (state.initialized) return new ResponseError(ErrorCodes.InvalidRequest, "initialize may only be sent once", { retry: false });
    if (typeof params !== "object" || params === null || typeof params.capabilities !== "object" || params.capabilities === null) {
      return new ResponseError(ErrorCodes.InvalidParams, "initialize: params.capabilities must be an object", { retry: false });
    }
    state.initialized = true;
    applySettings(state, params.initializationOptions);
    const item = params.capabilities.textDocument?.completion?.completionItem;
    state.client.snippets = item?.snippetSupport === true;
    state.client.insertAsIs = item?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs) === true;
    store.encoding = negotiateEncoding(params.capabilities.general?.positionEncodings);
    return {
      capabilities: {
        positionEncoding: store.encoding,
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
  // Push-style configuration (`workspace/didChangeConfiguration`, section `alloy`): every open document is
  // checked again with the new settings.
  connection.onDidChangeConfiguration((p) => {
    try {
      const settings = (p?.settings as { alloy?: unknown } | undefined)?.alloy ?? p?.settings;
      if (applySettings(state, settings)) for (const uri of store.uris()) scheduler.schedule(uri);
    } catch (e) {
      logError(state, "didChangeConfiguration", e);
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

  connection.listen();
  return state;
}

const STABILITY = new Set(["experimental", "public-preview", "generally-available"]);

/**
 * Applies `{ stabilityLevel, communityComponents }` to the validator's settings; values of the wrong type are
 * ignored with a log line. Returns whether anything changed.
 */
export function applySettings(state: ServerState, raw: unknown): boolean {
  const settings = state.ctx.settings;
  if (!settings || typeof raw !== "object" || raw === null) return false;
  const r = raw as { stabilityLevel?: unknown; communityComponents?: unknown };
  let changed = false;
  if (r.stabilityLevel !== undefined) {
    if (typeof r.stabilityLevel === "string" && STABILITY.has(r.stabilityLevel)) {
      changed ||= settings.stabilityLevel !== r.stabilityLevel;
      settings.stabilityLevel = r.stabilityLevel as ValidationSettings["stabilityLevel"];
    } else logError(state, "settings", `stabilityLevel must be one of ${[...STABILITY].join(", ")}; got ${JSON.stringify(r.stabilityLevel)}`);
  }
  if (r.communityComponents !== undefined) {
    if (typeof r.communityComponents === "boolean") {
      changed ||= settings.communityComponents !== r.communityComponents;
      settings.communityComponents = r.communityComponents;
    } else logError(state, "settings", `communityComponents must be true or false; got ${JSON.stringify(r.communityComponents)}`);
  }
  return changed;
}

/**
 * The client's most preferred position encoding that the server speaks (LSP 3.17 `general.positionEncodings`,
 * listed in the client's order of preference); UTF-16 when the client names none, as the protocol requires.
 */
export function negotiateEncoding(offered: readonly string[] | undefined): PositionEncoding {
  if (!Array.isArray(offered)) return "utf-16";
  for (const e of offered) if (e === "utf-16" || e === "utf-8") return e;
  return "utf-16";
}

/**
 * Refuses, before the connection library reads them, the messages its own handlers would fail on: `initialize`
 * without an object of params or sent a second time, and `$/cancelRequest` without an id.
 */
export function screenMessages(): (msg: Message) => Malformed | "drop" | undefined {
  let initializeSeen = false;
  return (msg) => {
    const m = msg as { id?: number | string | null; method?: unknown; params?: unknown };
    if (m.method === "$/cancelRequest") {
      const id = (m.params as { id?: unknown } | null)?.id;
      return typeof id === "number" || typeof id === "string" ? undefined : "drop";
    }
    const isRequest = m.id !== undefined && m.id !== null;
    // The library reads the params of document requests (progress tokens) before the handler can check them.
    if (typeof m.method === "string" && m.method.startsWith("textDocument/") && (typeof m.params !== "object" || m.params === null)) {
      return isRequest ? { code: -32602, message: `Invalid params: ${m.method} needs an object of params`, id: m.id! } : "drop";
    }
    if (m.method !== "initialize") return undefined;
    if (initializeSeen) return isRequest ? { code: -32600, message: "Invalid Request: initialize may only be sent once", id: m.id! } : "drop";
    const p = m.params as { capabilities?: unknown } | null;
    if (typeof p !== "object" || p === null || typeof p.capabilities !== "object" || p.capabilities === null) {
      return isRequest ? { code: -32602, message: "Invalid params: initialize needs params with a capabilities object", id: m.id! } : "drop";
    }
    if (isRequest) initializeSeen = true;
    return undefined;
  };
}

/**
 * Runs the server on standard input/output. Stray writes to stdout would corrupt the protocol stream, so
 * console output is sent to stderr, and an uncaught error is logged instead of ending the process.
 */
export function runStdioServer(options: ServerOptions = {}): void {
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
  process.on("uncaughtException", (e) => process.stderr.write(`uncaught: ${e?.stack ?? e}\n`));
  process.on("unhandledRejection", (e) => process.stderr.write(`unhandled rejection: ${String(e)}\n`));
  const writer = new StreamMessageWriter(process.stdout);
  // Broken frames are answered with a JSON-RPC error (id null when the request's id could not be read) and
  // logged; the reader then resumes at the next frame.
  const reader = new ResilientMessageReader(
    process.stdin,
    (m) => {
      process.stderr.write(`alloy-lsp: ${m.message}\n`);
      // Notifications are never answered; a request whose id could not be read is answered with id null.
      if (m.id === undefined) return;
      void writer.write({ jsonrpc: "2.0", id: m.id, error: { code: m.code, message: m.message } } as never).catch(() => undefined);
    },
    screenMessages(),
  );
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  startServer(connection, options);
}
