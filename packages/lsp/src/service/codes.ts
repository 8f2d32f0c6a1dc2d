/** The language server's own codes; everything else it shows carries the code of the package that reported it. */
import { codes, defineCatalogue } from "@alloy-ts/grammar";

const SERVER = "the language server reports it (test/lsp covers it); the catalogue's example runners are command-line entry points";

export const LSP_DIAGNOSTICS = defineCatalogue("@alloy-ts/lsp", {
  largeDocument: {
    code: "lsp/large-document",
    severity: "info",
    summary: "The document is over the size above which the server gives syntax errors and navigation only.",
    message: "document is larger than {size} MB: only syntax errors, outline, folding and navigation are provided (run `alloy validate` for the full checks)",
    example: { unreachable: SERVER },
  },
  convertArguments: {
    code: "lsp/convert-arguments",
    severity: "error",
    summary: "The convert command was given neither a text nor the uri of an open document.",
    message: "expected { text } or the uri of an open document",
    example: { unreachable: SERVER },
  },
  noConverter: {
    code: "lsp/no-converter",
    severity: "error",
    summary: "The server was built without the OpenTelemetry Collector converter.",
    message: "no OpenTelemetry Collector converter is available in this build",
    example: { unreachable: "the shipped server always has the converter; only a server built without it reports this" },
  },
  conversionFailed: {
    code: "lsp/conversion-failed",
    severity: "error",
    summary: "The converter failed on its own (a defect); the server answers instead of crashing.",
    message: "conversion failed: {reason}",
    example: { unreachable: "it guards against defects of the converter; no input is meant to reach it" },
  },
});

export const LspCode = codes(LSP_DIAGNOSTICS);
