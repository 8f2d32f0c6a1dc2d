/**
 * "Run sample telemetry": the pipeline built by runtime-lite from the editor's text, run in capture mode (exporters
 * keep what they receive; nothing is sent anywhere) on runtime-lite's generated telemetry, with the tap recording
 * per component what it took in and emitted.
 */
import { parse, type Block } from "@alloy-ts/grammar";
import {
  Engine,
  FIXED_NOW,
  generateTelemetry,
  graphFromAlloy,
  graphFromBridge,
  graphFromCollectorYaml,
  isBridgeDialect,
  SIGNALS,
  Tap,
  type ComponentTap,
  type Graph,
  type RuntimeDiagnostic,
  type Telemetry,
} from "@alloy-ts/runtime-lite/browser";
import type { InputFormat } from "./analyze.js";

export interface RunResult {
  /** Per component id, in the pipeline's order. */
  readonly components: readonly (ComponentTap & { id: string })[];
  readonly diagnostics: readonly RuntimeDiagnostic[];
  /** Payloads handed to the receivers, per signal. */
  readonly input: Record<string, number>;
  readonly ms: number;
}

/** How many payloads of each kind the tap keeps per component (shown under each component). */
const KEEP = 3;

function graphOf(text: string, format: InputFormat): Graph {
  if (format === "otelcol") return graphFromCollectorYaml(text, { env: {} });
  const blocks = parse(text, { name: "config.alloy" }).file.body.filter((s): s is Block => s.kind === "Block");
  return isBridgeDialect(blocks) ? graphFromBridge(text, { fileName: "config.alloy" }) : graphFromAlloy(text, { fileName: "config.alloy", env: {} });
}

/** Runs the generated telemetry through the text's pipeline; problems that stop the run come back as diagnostics. */
export async function runSample(text: string, format: InputFormat): Promise<RunResult> {
  const start = performance.now();
  const graph = graphOf(text, format);
  const errors = graph.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return { components: [], diagnostics: graph.diagnostics, input: {}, ms: performance.now() - start };
  const tap = new Tap(KEEP);
  const engine = new Engine(graph, { capture: true, tap, now: () => FIXED_NOW, memoryUsage: () => 0 });
  const telemetry = generateTelemetry();
  const input: Record<string, number> = {};
  for (const receiver of engine.receivers()) {
    for (const signal of SIGNALS) {
      for (const data of telemetry[signal]) {
        const t = structuredClone({ signal, data }) as Telemetry;
        if (engine.receive(receiver.id, t)) input[signal] = (input[signal] ?? 0) + 1;
      }
    }
  }
  await engine.shutdown();
  const record = (engine.tap ?? tap).toJSON();
  const components = Object.entries(record).map(([id, c]) => ({ id, ...c }));
  return { components, diagnostics: [...graph.diagnostics, ...engine.diagnostics], input, ms: performance.now() - start };
}
