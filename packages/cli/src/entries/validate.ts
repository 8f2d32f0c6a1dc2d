/**
 * Process entry point of `alloy validate` alone (bin/alloy.cjs picks it): one CommonJS file with a V8 code cache, so
 * a run in CI or a pre-commit hook does not pay for the ES module loader compiling the whole command tree.
 */
import * as validate from "../commands/validate.js";
import { run } from "../program.js";
import { quietOnClosedOutput } from "../stdio.js";

quietOnClosedOutput();
void run(process.argv.slice(2), [validate]);
