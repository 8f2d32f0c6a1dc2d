/**
 * The migration report's per-file analysis: convert a collector configuration (to `otelcol.*` components, or,
 * when that is not possible, to the bridge dialect), validate the output, verify it with a runtime when one is
 * given. The validator and runtime are passed in, so this package does not depend on them.
 */
import { convertOtelcol } from "../convert.js";
import type { SettingFate } from "../ledger/ledger.js";
import { blocksOutput, ConvertCode, convertDiagnostic } from "../diagnostics.js";
import { findDefaultMode } from "../native/table.js";
import type { ComponentKind } from "../engine/description.js";
import { readYaml } from "@alloy-ts/otel";
import { loadCollectorConfig } from "../dialects/collector-model.js";
import { convertOtelcolToBridge } from "../dialects/to-bridge.js";
import { safeMessage, type Diagnostic } from "@alloy-ts/grammar";
import { fileTargets, type FileTargets } from "./targets.js";

/** Per-file outcome. */
export type FileStatus = "clean" | "warnings" | "manual" | "failed";

export const STATUS_TEXT: Record<FileStatus, string> = {
  clean: "clean",
  warnings: "warnings",
  manual: "needs manual work",
  failed: "failed",
};

/**
 * One diagnostic of any stage, with its code (the converter's, the validator's, or the report's own) and, when
 * known, the 1-based `position` in the file it is about (the collector YAML for `convert`, the converted Alloy
 * for `validate`). `read`: the entry could not be read (a dangling link, a link out of the root, bad UTF-8, a
 * time limit).
 */
export type ReportDiagnostic = Diagnostic & { readonly stage: "read" | "convert" | "validate" | "verify" };

/** One component of a file and how far it got. */
export interface ComponentUse {
  readonly kind: ComponentKind;
  readonly type: string;
  readonly id: string;
  /** The default mode maps this type (upstream's table or a native mapping) and the file converted to `otelcol.*`. */
  readonly converted: boolean;
  /**
   * The file's verification found its outputs equivalent and the runtime implements this type (in either dialect:
   * `otelcol.*` components the converter mapped, or components carried in the bridge dialect).
   */
  readonly verified: boolean;
}

export type Verification = "equivalent" | "different" | "unverified" | "skipped";

export interface FileReport {
  readonly file: string;
  readonly status: FileStatus;
  /** The Alloy dialect the file was converted to, if any. */
  readonly dialect?: "otelcol" | "otel";
  readonly verification: Verification;
  /**
   * Where the file can run: `alloy otel` unchanged, converted natively, converted to the hybrid dialect (see
   * targets.ts). Absent only when the file could not be read (no target then).
   */
  readonly targets?: FileTargets;
  readonly diagnostics: ReportDiagnostic[];
  readonly components: ComponentUse[];
}

/** Targets of a file nothing could be done with. */
export const NO_TARGETS: FileTargets = { otel: false, native: false, hybrid: false };

/** What the analysis needs from the validator and, optionally, the runtime. */
export interface ReportChecks {
  /** The validator's diagnostics of the converted text, `position` in it when known. */
  validate(alloy: string, fileName: string): (Diagnostic & { readonly severity: "error" | "warning" })[];
  /** `ledger`: what the conversion did with each setting (a path holding a lost setting is not equivalent). */
  verify?(yaml: string, alloy: string, ledger: readonly SettingFate[]): Promise<{ verdict: Exclude<Verification, "skipped">; messages: string[] }>;
  /** True when the runtime has semantics for this component (counts as verified when the file verifies). */
  implemented?(kind: ComponentKind, type: string): boolean;
}

const fromConvert = (d: Diagnostic): ReportDiagnostic => ({ stage: "convert", ...d });

/**
 * The otelcol converter warns about collector telemetry defaults even when the file has no `service.telemetry`
 * (otelcol-conversion.md, telemetry); such warnings are about nothing the file says, so they count as Info.
 */
function withoutDefaultTelemetryWarnings(yaml: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const read = readYaml(yaml);
  const service = read.ok && read.value instanceof Map ? read.value.get("service") : undefined;
  const hasTelemetry = service instanceof Map && service.get("telemetry") !== undefined && service.get("telemetry") !== null;
  if (hasTelemetry) return [...diagnostics];
  return diagnostics.map((d) => (d.severity === "warning" && d.message.startsWith("the service/telemetry/") ? { ...d, severity: "info" } : d));
}

function componentsOf(yaml: string): { kind: ComponentKind; type: string; id: string }[] {
  const read = readYaml(yaml);
  if (!read.ok) return [];
  return loadCollectorConfig(read.value).config.components.map(({ kind, type, id }) => ({ kind, type, id }));
}

/** A file the report lists without analysing it: `message` says why (stage `read`). */
export function unreadFile(file: string, message: string): FileReport {
  return { file, status: "failed", verification: "skipped", targets: NO_TARGETS, components: [], diagnostics: [{ stage: "read", ...convertDiagnostic("critical", safeMessage(message), undefined, ConvertCode.reportUnread) }] };
}

/**
 * Analyses one collector configuration. Never throws: failures are diagnostics with status `failed`. Messages
 * quote the configuration, so they are made safe for a report that is shared (URL credentials hidden, control
 * characters escaped).
 */
export async function analyzeCollectorFile(file: string, yaml: string, checks: ReportChecks): Promise<FileReport> {
  const report = await analyze(file, yaml, checks);
  return { ...report, diagnostics: report.diagnostics.map((d) => ({ ...d, message: safeMessage(d.message) })) };
}

async function analyze(file: string, yaml: string, checks: ReportChecks): Promise<FileReport> {
  const diagnostics: ReportDiagnostic[] = [];
  try {
    const seen = componentsOf(yaml);
    // Each Alloy text is validated once, whether for the targets or for the file's diagnostics.
    const validations = new Map<string, ReturnType<ReportChecks["validate"]>>();
    const validate = (text: string) => {
      if (!validations.has(text)) validations.set(text, checks.validate(text, file));
      return validations.get(text)!;
    };
    const otelcolRaw = convertOtelcol(yaml, { fileName: file });
    const targets = fileTargets(file, yaml, otelcolRaw, (text) => validate(text).filter((v) => v.severity === "error").length);
    const otelcol = { output: otelcolRaw.output, diagnostics: withoutDefaultTelemetryWarnings(yaml, otelcolRaw.diagnostics) };
    const converted = otelcol.output !== undefined && !blocksOutput(otelcol.diagnostics, false);
    let dialect: FileReport["dialect"];
    let alloy: string | undefined;
    if (converted) {
      dialect = "otelcol";
      alloy = otelcol.output;
      diagnostics.push(...otelcol.diagnostics.filter((d) => d.severity !== "info").map(fromConvert));
    } else {
      diagnostics.push(...otelcol.diagnostics.filter((d) => d.severity !== "info").map(fromConvert));
      const bridge = convertOtelcolToBridge(yaml, { fileName: file });
      diagnostics.push(...bridge.diagnostics.filter((d) => d.severity !== "info").map((d) => ({ ...fromConvert(d), message: `bridge dialect: ${d.message}` })));
      if (bridge.output !== undefined && !blocksOutput(bridge.diagnostics, false)) {
        dialect = "otel";
        alloy = bridge.output;
      }
    }
    if (alloy === undefined) {
      return { file, status: "failed", verification: "skipped", targets, diagnostics, components: seen.map((c) => ({ ...c, converted: false, verified: false })) };
    }
    const validation = validate(alloy);
    for (const v of validation) diagnostics.push({ stage: "validate", ...v });
    let verification: Verification = "skipped";
    // Both dialects run in the runtime: the bridge dialect with the collector's own pipeline model.
    if (checks.verify) {
      try {
        const result = await checks.verify(yaml, alloy, dialect === "otelcol" ? otelcolRaw.ledger : []);
        verification = result.verdict;
        for (const m of result.messages) diagnostics.push({ stage: "verify", ...convertDiagnostic(result.verdict === "different" ? "error" : "info", m, undefined, ConvertCode.reportVerify) });
      } catch (e) {
        diagnostics.push({ stage: "verify", ...convertDiagnostic("warning", `verification failed to run: ${(e as Error).message}`, undefined, ConvertCode.reportVerifyFailed) });
      }
    }
    const components = seen.map((c) => {
      const isConverted = dialect === "otelcol" && findDefaultMode(c.kind, c.type) !== undefined;
      // A bridge-dialect file carries every component as it is, so a component it verified counts even though the
      // otelcol.* converter does not map its type.
      const carried = isConverted || dialect === "otel";
      return { ...c, converted: isConverted, verified: carried && verification === "equivalent" && (checks.implemented?.(c.kind, c.type) ?? false) };
    });
    let status: FileStatus;
    if (dialect === "otel" || validation.some((v) => v.severity === "error") || verification === "different") status = "manual";
    else if (diagnostics.some((d) => d.severity === "warning" || d.severity === "error")) status = "warnings";
    else status = "clean";
    return { file, status, dialect, verification, targets, diagnostics, components };
  } catch (e) {
    diagnostics.push({ stage: "convert", ...convertDiagnostic("critical", `internal error: ${(e as Error).message}`, undefined, ConvertCode.reportInternal) });
    return { file, status: "failed", verification: "skipped", targets: NO_TARGETS, diagnostics, components: [] };
  }
}
