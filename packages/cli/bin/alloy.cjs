#!/usr/bin/env node
"use strict";
// Entry point of the `alloy` command. `alloy fmt`, `validate`, `convert` and `lsp`, the commands editors, CI and
// pre-commit hooks run most, have bundles of their own (CommonJS, with a V8 code cache) so they start without the
// ES module loader; every other command line goes to the full bundle, split per sub-command. The sub-command is
// the first non-flag argument, as in src/main.ts.
const path = require("node:path");

const FAST = { fmt: "fmt", format: "fmt", validate: "validate", convert: "convert", lsp: "lsp" };
const command = process.argv.slice(2).find((a) => !a.startsWith("-"));
const fast = command === undefined ? undefined : FAST[command];
if (fast !== undefined) {
  require("./load-bundle.cjs").loadBundle(path.join(__dirname, `../dist/fast/${fast}.cjs`));
} else {
  import("../dist/bundle/alloy.mjs");
}
