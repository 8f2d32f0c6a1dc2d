/**
 * The stdio entry point. An editor starts the server and waits for its `initialize` answer before it sends
 * anything else, so that answer comes from capabilities.ts alone; the language service (grammar, validator,
 * converter: most of the server's code) is loaded right after it, while the editor is busy with its own start,
 * or at the latest before the next message is handed to the connection.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type InitializeParams } from "vscode-languageserver/node.js";
import { initializeRefusal, initializeResult, screenMessages } from "./capabilities.js";
import { ResilientMessageReader } from "./transport.js";

/**
 * Registers the language service's handlers on a listening connection whose `initialize` is answered here; the
 * returned function takes the params of that request when the connection hands it over (server.ts).
 */
export type StartService = (connection: Connection) => (answered: InitializeParams) => void;

/**
 * Runs the server on standard input/output. Stray writes to stdout would corrupt the protocol stream, so
 * console output is sent to stderr, and an uncaught error is logged instead of ending the process.
 * `loadService` is called once, synchronously, when the service is first needed.
 */
export function runStdioServer(loadService: () => StartService): void {
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
  process.on("uncaughtException", (e) => process.stderr.write(`uncaught: ${e?.stack ?? e}\n`));
  process.on("unhandledRejection", (e) => process.stderr.write(`unhandled rejection: ${String(e)}\n`));
  const writer = new StreamMessageWriter(process.stdout);
  let answered: InitializeParams | undefined;
  let accept: ((params: InitializeParams) => void) | undefined;
  const start = (): void => {
    if (accept !== undefined) return;
    accept = loadService()(connection);
    if (answered !== undefined) accept(answered);
  };
  // The reader reads ahead of the connection (which handles messages in order, on later turns of the event loop),
  // so what has been read decides here, not what has been handled.
  let initializeRead = false;
  const screen = screenMessages();
  // Broken frames are answered with a JSON-RPC error (id null when the request's id could not be read) and
  // logged; the reader then resumes at the next frame.
  const reader = new ResilientMessageReader(
    process.stdin,
    (m) => {
      process.stderr.write(`alloy-lsp: ${m.message}\n`);
      // Notifications are never answered; a request whose id could not be read is answered with id null.
      if (m.id === undefined) return;
      void writer.write({ jsonrpc: "2.0", id: m.id, error: { code: m.code, message: m.message } } as never).catch(() => undefined);
    },
    (msg) => {
      const m = msg as { id?: number | string | null; method?: unknown };
      // Before `initialize`, requests are refused with ServerNotInitialized and notifications other than `exit`
      // dropped, as the protocol asks.
      if (!initializeRead && m.method !== "initialize" && m.method !== "exit" && m.method !== undefined) {
        return m.id === undefined || m.id === null ? "drop" : { code: -32002, message: `Server not initialized: ${String(m.method)} before initialize`, id: m.id };
      }
      const verdict = screen(msg);
      if (verdict !== undefined) return verdict;
      if (m.method === "initialize") initializeRead = m.id !== undefined && m.id !== null;
      // Anything after `initialize` finds the service's handlers registered: this runs before the reader hands the
      // message to the connection.
      else if (initializeRead && m.method !== "exit") start();
      return undefined;
    },
  );
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  connection.onInitialize((params) => {
    const refusal = initializeRefusal(answered !== undefined, params);
    if (refusal !== undefined) return refusal;
    answered = params;
    if (accept !== undefined) accept(params);
    // When the editor waits for the answer, the service loads just after it is written (the writer writes on a
    // later turn of the event loop).
    else setTimeout(start, 0);
    return initializeResult(params);
  });
  connection.listen();
}
