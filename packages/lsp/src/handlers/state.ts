/** What every handler shares: the connection, the document store, the service context and error handling. */
import { ErrorCodes, ResponseError, type Connection } from "vscode-languageserver";
import type { Analysis } from "../workspace/analysis.js";
import type { DocumentStore } from "../workspace/document-store.js";
import type { DiagnosticsScheduler } from "../workspace/diagnostics-scheduler.js";
import type { Folder } from "../workspace/folder.js";
import type { ServiceContext } from "../service/context.js";

export interface ServerState {
  readonly connection: Connection;
  readonly store: DocumentStore;
  readonly ctx: ServiceContext;
  readonly diagnostics: DiagnosticsScheduler;
  /** The folder of each document is one configuration (sibling files are in scope). */
  readonly folder: Folder;
  /** Client capabilities that change answers (filled in by `initialize`). */
  client: { snippets: boolean; insertAsIs: boolean; watchFiles: boolean };
  /** Called for each document message and request: idle-time work (the JIT warm-up) waits for quiet. */
  readonly busy: () => void;
  /** Checks the workspace's run-flags file for changes (throttled) and re-checks every document when it changed. */
  readonly settings: () => void;
  /** Whether `initialize` has been answered (a second one is refused, as the protocol allows it once). */
  initialized: boolean;
}

const isPosition = (p: unknown): boolean =>
  typeof p === "object" && p !== null && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
const isRange = (r: unknown): boolean => typeof r === "object" && r !== null && isPosition((r as { start?: unknown }).start) && isPosition((r as { end?: unknown }).end);

/** Params each request needs beyond `textDocument`, checked before a handler runs (missing → InvalidParams). */
const REQUIRED: Record<string, readonly [string, (v: unknown) => boolean][]> = {
  completion: [["position", isPosition]],
  hover: [["position", isPosition]],
  definition: [["position", isPosition]],
  references: [["position", isPosition]],
  prepareRename: [["position", isPosition]],
  rename: [["position", isPosition], ["newName", (v) => typeof v === "string"]],
  signatureHelp: [["position", isPosition]],
  rangeFormatting: [["range", isRange]],
  codeAction: [["range", isRange], ["context", (v) => typeof v === "object" && v !== null && Array.isArray((v as { diagnostics?: unknown }).diagnostics)]],
};

/** A JSON-RPC InvalidParams error naming what is missing, or undefined when the params fit the request. */
export function invalidParams(name: string, params: unknown): ResponseError<void> | undefined {
  const p = params as { textDocument?: { uri?: unknown } } | null | undefined;
  if (typeof p !== "object" || p === null) return new ResponseError(ErrorCodes.InvalidParams, `${name}: params must be an object`);
  if (typeof p.textDocument?.uri !== "string") return new ResponseError(ErrorCodes.InvalidParams, `${name}: params.textDocument.uri must be a string`);
  for (const [key, ok] of REQUIRED[name] ?? []) {
    if (!ok((p as Record<string, unknown>)[key])) return new ResponseError(ErrorCodes.InvalidParams, `${name}: params.${key} is missing or malformed`);
  }
  return undefined;
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
    state.busy();
    const bad = invalidParams(name, params);
    if (bad) throw bad;
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
