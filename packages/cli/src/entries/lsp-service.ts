/**
 * The language service as a bundle of its own, beside the one of `alloy lsp` (entries/lsp.ts), which answers the
 * editor's `initialize` and then loads this one. It uses that bundle's copy of the connection library.
 */
export { startService } from "@alloy-ts/lsp";
