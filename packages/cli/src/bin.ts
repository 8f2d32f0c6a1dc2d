/** Process entry point of the bundled `alloy` command (every sub-command, loaded lazily). */
import { main } from "./main.js";
import { quietOnClosedOutput } from "./stdio.js";

quietOnClosedOutput();
await main(process.argv.slice(2));
