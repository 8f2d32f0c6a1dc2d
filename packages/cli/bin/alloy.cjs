#!/usr/bin/env node
"use strict";
// Entry point of the `alloy` command. `alloy fmt`, the command editors and pre-commit hooks run most, has a
// bundle of its own (CommonJS, with a V8 code cache) so it starts without the ES module loader; every other
// command line goes to the full bundle, split per sub-command. The sub-command is the first non-flag argument,
// as in src/main.ts.
const path = require("node:path");

const command = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (command === "fmt" || command === "format") {
  require("./load-bundle.cjs").loadBundle(path.join(__dirname, "../dist/fast/fmt.cjs"));
} else {
  import("../dist/bundle/alloy.mjs");
}
