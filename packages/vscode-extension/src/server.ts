/** Entry point of the server bundled into the extension (dist/server.cjs). */
import { runStdioServer, startService } from "@alloy-ts/lsp";

runStdioServer(() => startService);
