/**
 * Process entry point of `alloy lsp` alone (bin/alloy.cjs picks it): one CommonJS file with a V8 code cache, so an
 * editor's language server answers `initialize` without waiting for the ES module loader.
 */
import * as lsp from "../commands/lsp.js";
import { run } from "../program.js";
import { quietOnClosedOutput } from "../stdio.js";

quietOnClosedOutput();
void run(process.argv.slice(2), [lsp]);
