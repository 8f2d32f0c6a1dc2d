#!/usr/bin/env node
// `alloy-lsp`: the language server on its own, the same as `alloy lsp` (stdio unless another transport is given).
const args = process.argv.slice(2);
if (!args.some((a) => a === "--stdio" || a.startsWith("--node-ipc") || a.startsWith("--socket") || a.startsWith("--pipe"))) args.push("--stdio");
process.argv.splice(2, process.argv.length - 2, "lsp", ...args);
await import("../dist/bundle/alloy.mjs");
