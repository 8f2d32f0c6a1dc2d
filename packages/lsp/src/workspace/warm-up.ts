/**
 * JIT warm-up in idle time. The first outline, formatting or validation of a long document in a fresh process runs
 * in V8's interpreter and costs several times what the same request costs later (10,000 lines: formatting 40 →
 * 4 ms, outline 25 → 3 ms, analysis 85 → 4 ms). Once the first document has its diagnostics, the features an
 * editor asks for next are run on a built-in document, in short slices, each only after the client has been quiet
 * for a while (every message postpones the next slice), so that the warm-up takes time the editor leaves idle and
 * a request that arrives meanwhile waits for one slice at most. Nothing computed here is kept or sent.
 */
import type { ServiceContext } from "../service/context.js";
import { semanticDiagnostics } from "../service/diagnostics.js";
import { documentSymbols } from "../service/symbols.js";
import { foldingRanges } from "../service/folding.js";
import { formatDocument } from "../service/formatting.js";
import { semanticTokens } from "../service/semantic-tokens.js";
import { complete } from "../service/completion.js";
import { analyze, type Analysis } from "./analysis.js";

/** A pipeline of common shapes (blocks, nested blocks, arrays, references, calls), repeated `n` times. */
export function warmUpText(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      `otelcol.receiver.otlp "r${i}" {\n\tgrpc {\n\t\tendpoint = "0.0.0.0:4317"\n\t}\n\n\toutput {\n\t\ttraces = [otelcol.processor.batch.b${i}.input]\n\t}\n}\n\n` +
        `otelcol.processor.batch "b${i}" {\n\ttimeout = "1s"\n\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.e${i}.input]\n\t}\n}\n\n` +
        `otelcol.exporter.otlp "e${i}" {\n\tclient {\n\t\tendpoint = sys.env("ENDPOINT_${i}")\n\t}\n}\n\n` +
        `prometheus.scrape "s${i}" {\n\ttargets    = [{"__address__" = "host${i}:9090"}]\n\tforward_to = [prometheus.remote_write.w${i}.receiver]\n}\n\n` +
        `prometheus.remote_write "w${i}" {\n\tendpoint {\n\t\turl = "http://mimir:9009/api/v1/push"\n\t}\n}\n\n`,
    );
  }
  return parts.join("");
}

/** Slices of work, one feature each, a few milliseconds once the code is compiled. */
export function warmUpSlices(ctx: ServiceContext): (() => void)[] {
  const text = warmUpText(10);
  // The same with spaces for tabs and unaligned `=`: the printer's re-indenting paths, as a first format meets them.
  const messy = text.replace(/^\t+/gm, (t) => "  ".repeat(t.length)).replace(/ = /g, "   =  ");
  const at = text.indexOf('timeout = "1s"');
  const line = text.slice(0, at).split("\n").length - 1;
  const out: (() => void)[] = [];
  let a: Analysis = analyze("file:///alloy-lsp-warm-up.alloy", -1, "");
  for (let round = 0; round < 10; round++) {
    out.push(
      () => {
        a = analyze("file:///alloy-lsp-warm-up.alloy", round, text);
        documentSymbols(a);
        foldingRanges(a);
      },
      () => semanticDiagnostics(a, ctx),
      () => formatDocument(a),
      () => formatDocument(analyze("file:///alloy-lsp-warm-up.alloy", round, messy)),
      () => semanticTokens(a),
      () => complete(a, { line, character: 1 }, ctx, { snippets: true }),
    );
  }
  return out;
}

/**
 * Runs the warm-up once per process, slice by slice (`gapMs` apart), and stops at the first failure: it is an
 * optimisation only, and must never be what breaks a request.
 */
export class WarmUp {
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private quietFrom = 0;
  private stop: () => void = () => undefined;

  /**
   * @param idleMs how long the client must have been quiet before a slice runs
   * @param work the slices (the features on the built-in document)
   */
  constructor(
    ctx: ServiceContext,
    private readonly idleMs = 100,
    private readonly work: () => (() => void)[] = () => warmUpSlices(ctx),
  ) {}

  /** A message from the client: the next slice waits until it has been quiet for `idleMs` again. */
  postpone(): void {
    this.quietFrom = performance.now() + this.idleMs;
  }

  /** Starts the warm-up unless it has run already. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const queue = this.work();
    let disposed = false;
    this.stop = () => (disposed = true);
    const later = (ms: number): void => {
      this.timer = setTimeout(next, ms);
      this.timer.unref?.();
    };
    // A timer that fires after the server was busy runs before input that arrived meanwhile is read: two hops
    // through setImmediate let the poll phase read it and the connection dispatch it (postponing) first.
    const next = (): void => void setImmediate(() => setImmediate(run));
    const run = (): void => {
      if (disposed) return;
      const wait = this.quietFrom - performance.now();
      if (wait > 0) return later(wait);
      const work = queue.shift();
      if (!work) return void (this.timer = undefined);
      try {
        work();
      } catch {
        return void (this.timer = undefined);
      }
      later(1);
    };
    this.postpone();
    later(this.idleMs);
  }

  /** Stops a warm-up under way (on shutdown). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stop();
  }
}
