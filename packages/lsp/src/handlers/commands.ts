import { CONVERT_COMMAND } from "../capabilities.js";
import { convertOtelcol } from "../service/convert.js";
import { logError, type ServerState } from "./state.js";

/**
 * `workspace/executeCommand` for the convert command. Arguments: `{ text }` (YAML source) or `{ uri }` of an open
 * document. Answers `{ output, diagnostics }` with LSP diagnostics ranged on the YAML; given a `uri`, the same
 * diagnostics are also published for that document, so the editor shows them in the collector file.
 */
export function register(state: ServerState): void {
  state.connection.onExecuteCommand((params) => {
    try {
      if (params.command !== CONVERT_COMMAND) return null;
      const arg = (params.arguments?.[0] ?? {}) as { text?: unknown; uri?: unknown };
      const text = typeof arg.text === "string" ? arg.text : typeof arg.uri === "string" ? state.store.text(arg.uri) : undefined;
      if (text === undefined) return convertOtelcol("", { ...state.ctx, convert: undefined }, "expected { text } or the uri of an open document");
      const answer = convertOtelcol(text, state.ctx);
      if (typeof arg.uri === "string") void state.connection.sendDiagnostics({ uri: arg.uri, diagnostics: answer.diagnostics });
      return answer;
    } catch (e) {
      logError(state, "executeCommand", e);
      return null;
    }
  });
}
