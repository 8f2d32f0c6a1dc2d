/** Process entry point of the bundled `alloy` command. */
import { main } from "./main.js";

// A reader that goes away (`alloy tools components | head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

await main(process.argv.slice(2));
