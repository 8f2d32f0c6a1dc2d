/**
 * `alloy/graph`: the pipeline graph of a document, as the graph package's JSON model and, on request, its SVG
 * drawing (docs/lsp.md). Params: `{ textDocument: { uri }, format?: "json" | "svg" | ["json", "svg"],
 * sourceFormat?: "alloy" | "otelcol", text?: string }`; `text` draws a document the client has not opened with
 * the server (collector YAML, for one).
 */
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { graphOfDocument, graphSourceFormat, type GraphAnswer, type GraphFormat } from "../service/graph.js";
import { invalidParams, logError, type ServerState } from "./state.js";

export const GRAPH_REQUEST = "alloy/graph";

interface GraphParams {
  readonly textDocument: { readonly uri: string };
  readonly format?: GraphFormat | readonly GraphFormat[];
  readonly sourceFormat?: string;
  readonly text?: string;
}

const FORMATS: readonly GraphFormat[] = ["json", "svg"];

export function register(state: ServerState): void {
  state.connection.onRequest(GRAPH_REQUEST, async (params: GraphParams): Promise<GraphAnswer | null> => {
    const bad = invalidParams(GRAPH_REQUEST, params);
    if (bad) throw bad;
    const formats = params.format === undefined ? ["json" as const] : Array.isArray(params.format) ? params.format : [params.format as GraphFormat];
    if (!formats.every((f) => FORMATS.includes(f))) throw new ResponseError(ErrorCodes.InvalidParams, `${GRAPH_REQUEST}: params.format must be "json", "svg" or both`);
    if (params.sourceFormat !== undefined && params.sourceFormat !== "alloy" && params.sourceFormat !== "otelcol") {
      throw new ResponseError(ErrorCodes.InvalidParams, `${GRAPH_REQUEST}: params.sourceFormat must be "alloy" or "otelcol"`);
    }
    if (params.text !== undefined && typeof params.text !== "string") throw new ResponseError(ErrorCodes.InvalidParams, `${GRAPH_REQUEST}: params.text must be a string`);
    const uri = params.textDocument.uri;
    const open = state.store.text(uri);
    const text = open ?? params.text;
    if (text === undefined) return null;
    try {
      const version = open !== undefined ? state.store.version(uri) : undefined;
      return await graphOfDocument(uri, text, version, graphSourceFormat(uri, params.sourceFormat), formats, state.ctx);
    } catch (e) {
      logError(state, GRAPH_REQUEST, e);
      return null;
    }
  });
}
