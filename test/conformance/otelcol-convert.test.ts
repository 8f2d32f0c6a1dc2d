/**
 * Upstream's otelcol conversion cases (../shared/conformance/otelcol), run in-process the way upstream's test
 * harness runs them: compat mode must reproduce the expected bytes and non-Info diagnostics exactly; the default
 * mode may differ only by the documented fixes (docs/converter-differences.md), listed here as data.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, renderDiagnostic } from "@alloy-ts/converter";
import type { Diagnostic } from "@alloy-ts/grammar";
import { shared, sharedDir } from "../support/shared.js";

const IGNORED = [
  "(Warning) the service/telemetry/logs/sampling configuration is not supported",
  "(Warning) the service/telemetry/metrics/readers configuration is not supported - to gather Alloy's own telemetry refer to: https://grafana.com/docs/alloy/latest/collect/metamonitoring/",
];
const FOLDERS = ["", "envvars", "otelcol_dedup", "otelcol_errors", "otelcol_telemetry", "otelcol_without_validation"];

interface Case {
  readonly name: string;
  readonly folder: string;
  readonly yaml: string;
  readonly alloy?: string;
  readonly diags: string;
}

function loadCases(): Case[] {
  if (!sharedDir) return [];
  const root = shared("conformance", "otelcol");
  const cases: Case[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(root, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
      const base = path.join(dir, file.slice(0, -".yaml".length));
      const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").replace(/\r\n/g, "\n") : undefined);
      cases.push({
        name: folder ? `${folder}/${file.slice(0, -5)}` : file.slice(0, -5),
        folder,
        yaml: readFileSync(base + ".yaml", "utf8"),
        alloy: read(base + ".alloy") || undefined,
        diags: read(base + ".diags") ?? "",
      });
    }
  }
  return cases;
}

/** The diagnostics text upstream's harness compares with `.diags`. */
function diagsText(c: Case, diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity !== "info")
    .map((d) => renderDiagnostic(d))
    .filter((t) => c.folder === "otelcol_telemetry" || !IGNORED.includes(t))
    .map((t) => t + "\n")
    .join("");
}

const cases = loadCases();

describe.skipIf(!sharedDir)("otelcol conversion conformance (--compat=upstream)", () => {
  it("finds the 67 upstream cases", () => {
    expect(cases.length).toBe(67);
  });

  for (const c of cases) {
    it(c.name, () => {
      const result = convertOtelcol(c.yaml, {
        compat: "upstream",
        skipSourceValidation: c.folder === "otelcol_without_validation",
      });
      expect(diagsText(c, result.diagnostics)).toBe(c.diags);
      if (c.alloy !== undefined) expect(result.output).toBe(c.alloy);
      else expect(result.diagnostics.some((d) => d.severity === "critical")).toBe(true);
    });
  }
});

/**
 * Default-mode fixes (docs/converter-differences.md), as data: which cases differ from upstream and why. Each kind
 * comes with a normaliser that undoes the fix on both outputs; after it the outputs must be identical.
 */
type FixKind =
  | "receiver-output" | "swapped-targets" | "redacted-token" | "events-dimensions" | "empty-ordering-criteria"
  | "default-ends-at-brace" | "derived-endpoints" | "operators-carried" | "empty-multiline" | "spike-percentage"
  | "top-level-by-span-kind";

const EXPECTED_FIXES: Record<string, readonly FixKind[]> = {
  fileexporter: ["receiver-output", "empty-ordering-criteria", "empty-multiline"],
  filelog: ["receiver-output", "operators-carried"],
  fluentforwarder: ["receiver-output"],
  syslog: ["receiver-output", "empty-multiline"],
  tcplog: ["receiver-output"],
  splunkhec: ["swapped-targets", "redacted-token"],
  spanmetrics: ["events-dimensions"],
  "envvars/default_value_format": ["default-ends-at-brace"],
  memorylimiter: ["spike-percentage"],
  datadog: ["derived-endpoints", "top-level-by-span-kind"],
};

/** Top-level blocks of a printed file, as [header line, whole text]. */
function splitBlocks(text: string): string[] {
  return text.replace(/\n$/, "").split(/\n\n(?=\S)/);
}

const NO_OUTPUT_RECEIVERS = /^otelcol\.receiver\.(filelog|syslog|tcplog|fluentforward) /;
const CROSSED_RECEIVERS = /^otelcol\.receiver\.(googlecloudpubsub|splunkhec) /;

const NORMALISERS: Record<FixKind, (block: string, compat: boolean) => string> = {
  "receiver-output": (b, compat) => (!compat && NO_OUTPUT_RECEIVERS.test(b) ? b.replace(/\n\n\toutput \{[^}]*\}|\n\toutput \{ \}/, "") : b),
  "swapped-targets": (b, compat) => {
    if (compat || !CROSSED_RECEIVERS.test(b)) return b;
    const metrics = /\n\t\tmetrics\s*= (.*)/.exec(b)?.[1];
    const logs = /\n\t\tlogs\s*= (.*)/.exec(b)?.[1];
    let out = b.replace(/\n\t\tmetrics\s*= .*/, "").replace(/\n\t\tlogs\s*= .*/, "");
    if (logs) out = out.replace(/\toutput \{\n?/, `\toutput {\n\t\tmetrics = ${logs}\n`);
    if (metrics) out = out.replace(/(\toutput \{\n(?:\t\tmetrics = .*\n)?)/, `$1\t\tlogs = ${metrics}\n`);
    return out.replace(/\toutput \{ \}/, "\toutput {\n\t}");
  },
  "redacted-token": (b) => b.replace(/(\n\t\ttoken\s*= )".*"/, '$1"[REDACTED]"'),
  "events-dimensions": (b) => b.replace(/\n\n\tevents \{[\s\S]*?\n\t\}/, ""),
  "empty-ordering-criteria": (b, compat) => (compat ? b.replace(/\n\n\tordering_criteria \{ \}(?=\n)/, "") : b),
  // Alloy refuses limit_percentage without spike_limit_percentage; the default mode writes the closest accepted 1.
  "spike-percentage": (b, compat) => (compat ? b : b.replace(/\n\tspike_limit_percentage\s*= 1(?=\n)/, "")),
  // Alloy refuses an empty multiline block; the default mode writes none.
  "empty-multiline": (b, compat) => (compat ? b.replace(/\n(\n)?\t+multiline \{ \}(?=\n)/g, "") : b),
  // A default ends at the first `}` as in the collector; the rest of the value is text after the reference.
  "default-ends-at-brace": (b, compat) => (compat ? b : b.replace(/"\) \+ "\}"/g, '}")')),
  "operators-carried": (b, compat) =>
    compat || !b.startsWith("otelcol.receiver.filelog ")
      ? b
      : b.replace(/\n\toperators\s*= \[[\s\S]*?\n\t\}\]/, "").replace(/(\n\t\tmetadata_operators\s*= )\[[\s\S]*?\n\t\t\}\]/, "$1[]"),
  // Alloy's default is false, the collector's true: the default mode writes the collector's value.
  "top-level-by-span-kind": (b, compat) => (compat ? b : b.replace(/\n\t\tcompute_top_level_by_span_kind\s*= true(?=\n)/, "")),
  "derived-endpoints": (b, compat) =>
    compat && b.startsWith("otelcol.exporter.datadog ")
      ? b.replace(/\n\t\tendpoint\s*= "https:\/\/(?:trace\.agent|api|http-intake\.logs)\.[^"]*"/g, "")
      : b,
};

/** Upstream diagnostics a fix makes obsolete (the default mode carries what they say is dropped). */
const OBSOLETE_DIAGNOSTICS: Partial<Record<FixKind, RegExp>> = {
  "operators-carried": /^warning (header metadata_operators|operators) cannot currently be translated for receiver\//,
};

/** Diagnostics a fix adds (it says what it changed). */
const ADDED_DIAGNOSTICS: Partial<Record<FixKind, RegExp>> = {
  "spike-percentage": /^processor\/memory_limiter: Alloy requires spike_limit_percentage above 0/,
};

function normalise(text: string, kinds: readonly FixKind[], compat: boolean): string {
  const blocks = splitBlocks(text).map((b) => kinds.reduce((acc, k) => NORMALISERS[k](acc, compat), b));
  return blocks.map((b) => b.replace(/=\s+/g, "= ").replace(/ +=/g, " =")).join("\n\n");
}

describe.skipIf(!sharedDir)("otelcol conversion: default mode differs only by documented fixes", () => {
  for (const c of cases) {
    it(c.name, () => {
      const opts = { skipSourceValidation: c.folder === "otelcol_without_validation" };
      const upstream = convertOtelcol(c.yaml, { ...opts, compat: "upstream" });
      const ours = convertOtelcol(c.yaml, opts);
      const kinds = EXPECTED_FIXES[c.name] ?? [];
      const obsolete = kinds.map((k) => OBSOLETE_DIAGNOSTICS[k]).filter((r): r is RegExp => r !== undefined);
      const added = kinds.map((k) => ADDED_DIAGNOSTICS[k]).filter((r): r is RegExp => r !== undefined);
      // Same diagnostics (texts without positions), only positions and the settings ledger's added, less those a
      // fix makes obsolete.
      expect(ours.diagnostics.filter((d) => !d.code?.startsWith("ledger/") && !added.some((r) => r.test(d.message))).map((d) => `${d.severity} ${d.message}`)).toEqual(
        upstream.diagnostics.map((d) => `${d.severity} ${d.message}`).filter((t) => !obsolete.some((r) => r.test(t))),
      );
      if (upstream.output === undefined || ours.output === undefined) {
        expect(ours.output).toBe(upstream.output);
        return;
      }
      if (kinds.length === 0) {
        expect(ours.output).toBe(upstream.output);
        return;
      }
      // Each listed fix must really change the output, and undoing them must give upstream's text.
      expect(ours.output).not.toBe(upstream.output);
      expect(normalise(ours.output, kinds, false)).toBe(normalise(upstream.output, kinds, true));
    });
  }
});
