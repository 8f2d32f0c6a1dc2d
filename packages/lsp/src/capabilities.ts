/**
 * What the server announces in `initialize`, and the checks on that request: everything the handshake needs and
 * nothing of the language service, so that an editor's `initialize` can be answered before the service is loaded
 * (stdio.ts).
 */
import { ErrorCodes, ResponseError, TextDocumentSyncKind, type InitializeParams, type InitializeResult, type Message } from "vscode-languageserver/node.js";
import type { PositionEncoding } from "./line-index.js";
import type { Malformed } from "./transport.js";
import { VERSION } from "./generated/version.js";

export const SERVER_NAME = "alloy-lsp";
/** The server version reported in `initialize` (that of this package). */
export const SERVER_VERSION = VERSION;

/** Command identifier shared by the server and the editor extension. */
export const CONVERT_COMMAND = "alloy.convertOtelcol";

/** Semantic token types and modifiers, in the order of their indexes in encoded tokens. */
export const SEMANTIC_TOKEN_TYPES = ["namespace", "type", "class", "property", "variable", "function", "string", "number", "keyword", "comment", "parameter"] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ["declaration", "readonly", "defaultLibrary"] as const;

/** The legend announced in the server capabilities. */
export const semanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

/**
 * The client's most preferred position encoding that the server speaks (LSP 3.17 `general.positionEncodings`,
 * listed in the client's order of preference); UTF-16 when the client names none, as the protocol requires.
 */
export function negotiateEncoding(offered: readonly string[] | undefined): PositionEncoding {
  if (!Array.isArray(offered)) return "utf-16";
  for (const e of offered) if (e === "utf-16" || e === "utf-8") return e;
  return "utf-16";
}

/** Why an `initialize` request is refused (sent twice, or without an object of capabilities), if it is. */
export function initializeRefusal(alreadyInitialized: boolean, params: unknown): ResponseError<{ retry: boolean }> | undefined {
  if (alreadyInitialized) return new ResponseError(ErrorCodes.InvalidRequest, "initialize may only be sent once", { retry: false });
  const p = params as { capabilities?: unknown } | null;
  if (typeof p !== "object" || p === null || typeof p.capabilities !== "object" || p.capabilities === null) {
    return new ResponseError(ErrorCodes.InvalidParams, "initialize: params.capabilities must be an object", { retry: false });
  }
  return undefined;
}

/** The answer to an accepted `initialize`. */
export function initializeResult(params: InitializeParams): InitializeResult {
  return {
    capabilities: {
      positionEncoding: negotiateEncoding(params.capabilities.general?.positionEncodings),
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
