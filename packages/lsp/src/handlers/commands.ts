import { CONVERT_COMMAND, convertOtelcol } from "../service/convert.js";
import { logError, type ServerState } from "./state.js";

/**
 * `workspace/executeCommand` for the convert command. Arguments: `{ text }` (YAML source) or `{ uri }` of an open
 * document. Answers `{ output, diagnostics }`; the editor decides where to show the result.
 */
export function register(state: ServerState): void {
  state.connection.onExecuteCommand((params) => {
    try {
      if (params.command !== CONVERT_COMMAND) return null;
      const arg = (params.arguments?.[0] ?? {}) as { text?: unknown; uri?: unknown };
      const text = typeof arg.text === "string" ? arg.text : typeof arg.uri === "string" ? state.store.text(arg.uri) : undefined;
      if (text === undefined) return { output: "", diagnostics: [{ severity: "error", message: "expected { text } or the uri of an open document" }] };
      return convertOtelcol(text, state.ctx);
    } catch (e) {
      logError(state, "executeCommand", e);
      return null;
    }
  });
}
