/** What every handler shares: the connection, the document store, the service context and error handling. */
import type { Connection } from "vscode-languageserver";
import type { Analysis } from "../workspace/analysis.js";
import type { DocumentStore } from "../workspace/document-store.js";
import type { DiagnosticsScheduler } from "../workspace/diagnostics-scheduler.js";
import type { ServiceContext } from "../service/context.js";

export interface ServerState {
  readonly connection: Connection;
  readonly store: DocumentStore;
  readonly ctx: ServiceContext;
  readonly diagnostics: DiagnosticsScheduler;
  /** Client capabilities that change answers (filled in by `initialize`). */
  client: { snippets: boolean };
}

/**
 * Wraps a request handler so that it never throws: failures are logged and answered with `fallback`.
 * The analysis of the document named in the params is passed in; unknown documents get the fallback.
 */
export function withDocument<P extends { textDocument: { uri: string } }, R>(
  state: ServerState,
  name: string,
  fallback: R,
  fn: (analysis: Analysis, params: P) => R,
): (params: P) => R {
  return (params: P) => {
    try {
      const analysis = state.store.analysis(params.textDocument.uri);
      return analysis ? fn(analysis, params) : fallback;
    } catch (e) {
      logError(state, name, e);
      return fallback;
    }
  };
}

/** Logs a handler failure to the client's output (stderr is also fine for editors, but not for all). */
export function logError(state: ServerState, name: string, e: unknown): void {
  const text = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  try {
    state.connection.console.error(`${name} failed: ${text}`);
  } catch {
    process.stderr.write(`${name} failed: ${text}\n`);
  }
}
