/**
 * `alloy verify FILE.yaml`: converts a collector configuration to Alloy, runs both on the same telemetry with
 * runtime-lite and reports, per exporter, whether the two received the same data (equivalent), not (different,
 * with the first difference), or could not be checked (unverified: a component without semantics on the path).
 * Exit status 0 only when everything verifiable is equivalent (with --strict: only when everything is verified and
 * equivalent).
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { convertOtelcol, renderDiagnostic, blocksOutput } from "@alloy-ts/converter";
import { Tap, renderTap, type ComponentTap, generateTelemetry, graphFromAlloy, graphFromCollectorYaml, parseTelemetryFile, verifyGraphs, type PodInfo, type RuntimeEnvironment, type VerifyReport } from "@alloy-ts/runtime-lite";
import { CliError } from "../cli-error.js";
import { readInputCapped } from "../read-limit.js";
import { withLedger } from "./verify-ledger.js";

interface VerifyOptions {
  input?: string;
  json?: boolean;
  alloy?: string;
  strict?: boolean;
  resource?: string[];
  pods?: string;
  show?: string[];
}

export function register(program: Command): void {
  program
    .command("verify")
    .description("Check that the Alloy conversion of a collector configuration processes telemetry the same way")
    .argument("<file>", "OpenTelemetry Collector YAML configuration")
    .option("--input <file>", "OTLP/JSON telemetry to run (default: a built-in deterministic set)")
    .option("--alloy <file>", "compare with this Alloy configuration instead of converting")
    .option("--json", "print the report as JSON")
    .option("--strict", "also fail (exit status 1) when any exporter is unverified")
    .option("--resource <key=value>", "a resource attribute resource detection finds (repeatable)", (v: string, acc: string[] = []) => [...acc, v])
    .option("--show <component>", "print what a component received and emitted on each side (collector ID such as batch, graph node ID or Alloy component name; repeatable)", (v: string, acc: string[] = []) => [...acc, v])
    .option("--pods <file>", "JSON list of pods ({ip, name, namespace, uid, node, deployment, labels, annotations}) for k8sattributes")
    .action((file: string, opts: VerifyOptions) => runVerify(file, opts));
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The detected resource attributes (`--resource`) and pod table (`--pods`) both sides run with. */
export function readEnvironment(opts: Pick<VerifyOptions, "resource" | "pods">): RuntimeEnvironment {
  const resource: Record<string, string> = {};
  for (const pair of opts.resource ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`invalid value "${pair}" for --resource: KEY=VALUE`);
    resource[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (opts.pods === undefined) return { resource };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(opts.pods));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${opts.pods}: not JSON: ${(e as Error).message}`);
  }
  const isPod = (p: unknown): p is PodInfo => !!p && typeof p === "object" && typeof (p as PodInfo).ip === "string";
  if (!Array.isArray(parsed) || !parsed.every(isPod)) throw new CliError(`${opts.pods}: expected a JSON list of pods, each with an "ip" string`);
  return { resource, pods: parsed };
}

export async function runVerify(file: string, opts: VerifyOptions): Promise<void> {
  const { name, bytes } = readInputCapped(file, "convert");
  const yaml = bytes.toString("utf8");
  let alloyText: string;
  let ledger: ReturnType<typeof convertOtelcol>["ledger"] = [];
  if (opts.alloy) alloyText = readText(opts.alloy);
  else {
    const converted = convertOtelcol(yaml, { fileName: name });
    if (converted.output === undefined || blocksOutput(converted.diagnostics, false))
      throw new CliError(`conversion failed:\n${converted.diagnostics.map((d) => renderDiagnostic(d, name)).join("\n")}`);
    alloyText = converted.output;
    ledger = converted.ledger;
  }
  let input = generateTelemetry();
  if (opts.input) {
    const parsed = parseTelemetryFile(readText(opts.input));
    if ("error" in parsed) throw new CliError(`${opts.input}: ${parsed.error}`);
    input = parsed;
  }
  const environment = readEnvironment(opts);
  const taps = opts.show?.length ? { collector: new Tap(20), alloy: new Tap(20) } : {};
  const run = await verifyGraphs(graphFromCollectorYaml(yaml), graphFromAlloy(alloyText, { fileName: opts.alloy }), input, environment, taps);
  const report = withLedger(run, ledger, yaml, name ?? file);
  const shown = opts.show?.length ? showComponents(opts.show, taps as { collector: Tap; alloy: Tap }) : undefined;
  if (opts.json) process.stdout.write(`${JSON.stringify(shown ? { ...report, shown: shown.json } : report, null, 2)}\n`);
  else process.stdout.write(renderReport(report) + (shown?.text ?? ""));
  // --strict: an exporter that could not be checked counts as a failure too.
  if (!report.ok || (opts.strict && report.exporters.some((e) => e.verdict === "unverified"))) process.exitCode = 1;
}

/**
 * The tap entries `--show` names: a node ID (`traces/processor:batch`, `otelcol.processor.batch.default`), or the
 * component after the kind (`batch`, `otlp/backend`), or the end of an Alloy name (`batch.default`).
 */
function showComponents(names: string[], taps: { collector: Tap; alloy: Tap }): { text: string; json: Record<string, Record<string, ComponentTap>> } {
  const json: Record<string, Record<string, ComponentTap>> = {};
  const lines: string[] = [];
  for (const name of names) {
    // A collector ID `batch` or `batch/x` also names the Alloy components of type batch the conversion made.
    const type = name.split("/")[0];
    const matches = (id: string) => id === name || id.endsWith(`:${name}`) || id.endsWith(`.${name}`) || (id.startsWith("otelcol.") && id.split(".")[2] === type);
    const picked: Record<string, ComponentTap> = {};
    for (const [side, tap] of Object.entries(taps)) for (const [id, c] of tap.components) if (matches(id)) picked[`${side} ${id}`] = c;
    if (Object.keys(picked).length === 0) throw new CliError(`--show ${name}: no component of either side has this ID`);
    json[name] = picked;
    lines.push(renderTap(picked, { payloads: true }).trimEnd());
  }
  return { text: `${lines.join("\n")}\n`, json };
}

/** The human-readable report: one line per exporter, differences and reasons indented below it. */
export function renderReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) lines.push(`${d.severity}: ${d.message}`);
  for (const e of report.exporters) {
    const items = e.verdict === "equivalent" ? ` (${e.expectedItems} items)` : e.verdict === "different" ? ` (collector ${e.expectedItems} items, alloy ${e.actualItems} items)` : "";
    lines.push(`exporter ${e.exporter}${e.alloy.length && e.alloy[0] !== e.exporter ? ` -> ${e.alloy.join(", ")}` : ""}: ${e.verdict}${items}`);
    if (e.onlyInCollector) lines.push(`  only in collector: ${e.onlyInCollector}`);
    if (e.onlyInAlloy) lines.push(`  only in alloy:     ${e.onlyInAlloy}`);
    for (const r of e.reasons ?? []) lines.push(`  ${r}`);
  }
  const count = (v: string) => report.exporters.filter((e) => e.verdict === v).length;
  lines.push(`${count("equivalent")} equivalent, ${count("different")} different, ${count("unverified")} unverified`);
  return `${lines.join("\n")}\n`;
}
