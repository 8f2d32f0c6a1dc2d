/**
 * `alloy verify` does not call a path equivalent when the conversion lost a setting on it: an exporter whose
 * pipelines (receivers, processors, the exporter itself, and upstream through connectors) hold a setting that was
 * not carried is "unverified", with each such setting named at its line:col. Running the converted Alloy cannot
 * show the difference a lost setting makes (an authenticator, a filter, an operator), so the run alone is no proof.
 */
import type { SettingFate } from "@alloy-ts/converter";
import { loadCollectorConfig, readYaml } from "@alloy-ts/otel";
import type { VerifyReport } from "@alloy-ts/runtime-lite";

/** For an exporter ID, the owners (`receiver/otlp`, `processor/batch`, ...) whose settings reach it. */
function upstreamOwners(yaml: string): (exporter: string) => Set<string> {
  const read = readYaml(yaml);
  const config = read.ok ? loadCollectorConfig(read.value).config : undefined;
  return (id) => {
    const owners = new Set<string>([`exporter/${id}`]);
    if (config === undefined) return owners;
    const connectors = new Set(config.components.filter((c) => c.kind === "connector").map((c) => c.id));
    const seen = new Set<string>();
    const visitExporter = (exporter: string) => {
      if (seen.has(exporter)) return;
      seen.add(exporter);
      for (const p of config.pipelines.filter((x) => x.exporters.includes(exporter))) {
        for (const r of p.receivers) {
          if (connectors.has(r)) {
            owners.add(`connector/${r}`);
            visitExporter(r);
          } else owners.add(`receiver/${r}`);
        }
        for (const proc of p.processors) owners.add(`processor/${proc}`);
      }
    };
    visitExporter(id);
    for (const e of config.extensions) owners.add(`extension/${e}`);
    return owners;
  };
}

/** The report with every equivalent verdict that rests on a lost setting turned into "unverified". */
export function withLedger(report: VerifyReport, ledger: readonly SettingFate[], yaml: string, fileName: string): VerifyReport {
  const lost = ledger.filter((f) => f.fate === "not-carried");
  if (lost.length === 0) return report;
  // The configuration is read once; each exporter's owners are found from it.
  const ownersOf = upstreamOwners(yaml);
  const exporters = report.exporters.map((e) => {
    if (e.verdict !== "equivalent") return e;
    const owners = ownersOf(e.exporter);
    const reasons = lost
      .filter((f) => owners.has(f.owner))
      .map((f) => `${f.owner}: setting "${f.path}"${f.position ? ` at ${fileName === "" ? "line " : `${fileName}:`}${f.position.line}:${f.position.column}` : ""} is not carried to the Alloy output`);
    return reasons.length === 0 ? e : { ...e, verdict: "unverified" as const, reasons: [...(e.reasons ?? []), ...reasons] };
  });
  return { ...report, exporters };
}
