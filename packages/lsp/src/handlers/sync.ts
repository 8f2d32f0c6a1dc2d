/** Document synchronisation: keeps the store current and schedules diagnostics. */
import type { ServerState } from "./state.js";
import { logError } from "./state.js";

export function register(state: ServerState): void {
  const { connection, store, diagnostics } = state;
  // The other open files of the folder may refer to what changed: they are checked again too.
  const dependents = (uri: string): void => {
    for (const other of state.folder.siblingUris(uri)) if (store.has(other)) diagnostics.schedule(other);
  };
  connection.onDidOpenTextDocument((p) => {
    try {
      state.busy();
      store.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
      state.settings();
      diagnostics.schedule(p.textDocument.uri);
      dependents(p.textDocument.uri);
    } catch (e) {
      logError(state, "didOpen", e);
    }
  });
  connection.onDidChangeTextDocument((p) => {
    try {
      state.busy();
      store.change(p.textDocument.uri, p.textDocument.version, p.contentChanges);
      state.settings();
      diagnostics.schedule(p.textDocument.uri);
      dependents(p.textDocument.uri);
    } catch (e) {
      logError(state, "didChange", e);
    }
  });
  connection.onDidCloseTextDocument((p) => {
    try {
      diagnostics.forget(p.textDocument.uri);
      store.close(p.textDocument.uri);
      connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
      dependents(p.textDocument.uri);
    } catch (e) {
      logError(state, "didClose", e);
    }
  });
}
