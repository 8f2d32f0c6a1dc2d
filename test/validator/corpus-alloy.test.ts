/**
 * Every configuration of ../shared/corpus/alloy that Alloy would load validates with no error, given the run
 * flags it needs; what remains is listed below, each with the reason it is a genuine problem of the file.
 * A directory of .alloy files is one configuration (as `alloy run DIR` loads it), except files another file
 * imports with import.file: each of those is a module, validated on its own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, type Statement } from "@alloy-ts/grammar";
import { validate } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";

const FLAGS = { stabilityLevel: "experimental", communityComponents: true } as const;

/** Remaining errors, by file and code, with why each is the file's problem and not the validator's. */
const GENUINE: Record<string, string> = {
  "Chandra179__lgtm__config.alloy syntax/parser": "does not parse: a quoted attribute name where Alloy expects an identifier",
  "Filicipa__useful__monitoring_alloy_config.alloy syntax/scanner": "an escape sequence Alloy strings do not have (\\/)",
  "Filicipa__useful__monitoring_alloy_config.alloy syntax/parser": "parse errors following the bad escape",
  "Giygas__medicaments-api__configs_alloy_config.remote.alloy syntax/scanner": "a # comment, which Alloy syntax does not have",
  "Giygas__medicaments-api__configs_alloy_config.remote.alloy syntax/parser": "parse errors following the # comment",
  "GMIC-Helios-Team__caddy-n8n-rabbitmq-alloy__alloy_config.alloy validator/component-rule": "otelcol.auth.basic with an empty username and password: Alloy refuses it (no credential source provided)",
  "Owolabi16__Grafana-alloy__config.alloy validator/unknown-component": 'loki.source_file is a misspelling of loki.source.file',
  "balagus__telemetries__config_alloy_config.alloy validator/component-rule": "batch send_batch_max_size below send_batch_size",
  "chaluvadis__grafana-alloy-toolkit__example.alloy validator/component-rule": "batch send_batch_max_size below send_batch_size",
  "colinedwardwood__grafana-alloy-oracledb-custom-metrics__alloy-configuration-files_config.alloy validator/type-mismatch":
    "prometheus.exporter.oracledb custom_metrics is list(string) in current Alloy; the file gives the string of older versions",
  "dancavallaro__rpi-config__k8s_manifests_monitoring_conf_alloy_cluster-events.alloy validator/unresolved-reference": "loki.write.loki is defined in a file of the same directory that the corpus does not hold",
  "dancavallaro__rpi-config__k8s_manifests_monitoring_conf_alloy_talos-logs.alloy validator/unresolved-reference": "loki.write.loki is defined in a file of the same directory that the corpus does not hold",
  "f9n__ty-grafana-alloy-deployment-example/files/configs/prometheus_remote_write.alloy validator/unresolved-reference": "local.file.instance_federation is defined nowhere in the deployed directory",
  "grafana__beyla__examples_alloy_config.alloy validator/unknown-component": "otelcol.exporter.logging was removed from Alloy (otelcol.exporter.debug replaces it)",
};

function importedFiles(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  const walk = (body: readonly Statement[]) => {
    for (const s of body) {
      if (s.kind !== "Block") continue;
      if (s.name === "import.file") {
        const a = s.body.find((x) => x.kind === "Attribute" && x.name === "filename");
        if (a?.kind === "Attribute" && a.value.kind === "Literal") out.add(path.basename(a.value.raw.slice(1, -1)));
      }
      walk(s.body);
    }
  };
  for (const f of files) walk(parse(readFileSync(f, "utf8"), { name: f }).file.body);
  return out;
}

/** The configurations of the corpus: lists of files loaded together. */
function units(root: string): string[][] {
  const out: string[][] = [];
  for (const entry of readdirSync(root).sort()) {
    const p = path.join(root, entry);
    if (!statSync(p).isDirectory()) {
      if (entry.endsWith(".alloy")) out.push([p]);
      continue;
    }
    const all: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d).sort()) {
        const q = path.join(d, n);
        if (statSync(q).isDirectory()) walk(q);
        else if (n.endsWith(".alloy")) all.push(q);
      }
    };
    walk(p);
    const imported = importedFiles(all);
    const byDir = new Map<string, string[]>();
    for (const f of all) {
      if (imported.has(path.basename(f))) out.push([f]);
      else byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
    }
    out.push(...byDir.values());
  }
  return out;
}

describe.skipIf(!sharedDir)("the Alloy corpus", () => {
  it("validates with no error but the listed genuine problems", () => {
    const root = shared("corpus", "alloy");
    const found = new Set<string>();
    let resolved = 0;
    for (const u of units(root)) {
      const inputs = u.map((f) => ({ name: path.relative(root, f), text: readFileSync(f, "utf8") }));
      // import.file paths name where the files were deployed (/etc/alloy/modules/x.alloy): found by base name
      // among the files of the same corpus entry.
      const entry = path.join(root, path.relative(root, u[0]!).split(path.sep)[0]!);
      const readImport = (filename: string) => {
        const hit = (statSync(entry).isDirectory() ? units(entry).flat() : []).find((f) => path.basename(f) === path.basename(filename));
        if (!hit) return undefined;
        resolved++;
        return [{ name: path.relative(root, hit), text: readFileSync(hit, "utf8") }];
      };
      for (const d of validate(inputs, { ...FLAGS, readImport })) if (d.severity === "error") found.add(`${d.file} ${d.code}`);
    }
    expect(resolved).toBeGreaterThan(0);
    expect([...found].sort()).toEqual(Object.keys(GENUINE).sort());
  });
});
