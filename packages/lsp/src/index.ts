/**
 * @alloy-ts/lsp: the Alloy language server.
 *
 * The language service is a set of pure functions of an analysed document and a position (./service); the
 * server (./server) adapts them to LSP over a connection.
 */
export { LSP_DIAGNOSTICS } from "./service/codes.js";
export { analyze } from "./workspace/analysis.js";
export type { Analysis, ComponentInstance, Reference } from "./workspace/analysis.js";
export { DocumentStore } from "./workspace/document-store.js";
export { DiagnosticsScheduler, defaultSchedulerOptions } from "./workspace/diagnostics-scheduler.js";
export type { SchedulerOptions } from "./workspace/diagnostics-scheduler.js";
export * from "./schema/catalog.js";
export type { ServiceContext, ConversionResult } from "./service/context.js";
export { allDiagnostics, semanticDiagnostics, syntaxDiagnostics, unresolvedReferences } from "./service/diagnostics.js";
export { complete, componentSnippet } from "./service/completion.js";
export { hover } from "./service/hover.js";
export { definition, references } from "./service/definition.js";
export { prepareRename, rename } from "./service/rename.js";
export { documentSymbols } from "./service/symbols.js";
export { foldingRanges } from "./service/folding.js";
export { formatDocument, formatRange } from "./service/formatting.js";
export { semanticTokens } from "./service/semantic-tokens.js";
export { signatureHelp } from "./service/signature-help.js";
export { codeActions, nearest } from "./service/code-actions.js";
export { convertOtelcol } from "./service/convert.js";
export { defaultServiceContext } from "./service-context.js";
export { startServer, startService } from "./server.js";
export { runStdioServer, type StartService } from "./stdio.js";
export { SERVER_NAME, SERVER_VERSION, CONVERT_COMMAND, semanticTokensLegend, negotiateEncoding, screenMessages } from "./capabilities.js";
export type { ServerOptions } from "./server.js";
