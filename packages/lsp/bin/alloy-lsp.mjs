#!/usr/bin/env node
// `alloy-lsp`: the Alloy language server on standard input/output (same as `alloy lsp --stdio`).
import { runStdioServer, startService } from "../dist/index.js";

runStdioServer(() => startService);
