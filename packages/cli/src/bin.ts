/** Process entry point of the bundled `alloy` command. */
import { main } from "./main.js";

await main(process.argv.slice(2));
