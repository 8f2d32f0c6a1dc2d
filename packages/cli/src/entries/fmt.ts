/**
 * Process entry point of `alloy fmt` alone (bin/alloy.cjs picks it): the command tree with only the formatter,
 * bundled as one CommonJS file so the most frequent command starts without the ES module loader.
 */
import * as fmt from "../commands/fmt.js";
import { run } from "../program.js";
import { quietOnClosedOutput } from "../stdio.js";

quietOnClosedOutput();
void run(process.argv.slice(2), [fmt]);
