/**
 * Converter diagnostics as plain data, their `(Severity) summary` text (alloy-cli.md §3.1) and the `--report`
 * file (§3.2, otelcol-conversion.md §10.4).
 */

import { builder, codes, defineCatalogue, type Diagnostic, type LineColumn, type Severity } from "@alloy-ts/grammar";

const YAML = (text: string) => ({ runner: "convert", file: "collector.yaml", text }) as const;
const REPORT = "`alloy report` reports it over a directory tree (test/report and test/bridge cover it); the catalogue's example runners convert one text";
const PIPELINE = "exporters:\n  otlp:\n    endpoint: tempo:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlp]\n";

/**
 * The converter's codes. Upstream's converter gives its diagnostics no code: those keep upstream's texts under
 * `convert/otelcol`; the settings ledger's own diagnostics have one code each.
 */
export const CONVERTER_DIAGNOSTICS = defineCatalogue("@alloy-ts/converter", {
  otelcol: {
    code: "convert/otelcol",
    severity: "critical",
    summary: "A diagnostic of the OpenTelemetry Collector conversion as upstream's converter reports it (Critical, Error, Warning or Info; upstream has no codes for them).",
    message: "{message}",
    upstream: true,
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\n" + PIPELINE.replace("receivers: [otlp]", "receivers: [otlp, zipkin]")),
  },
  outputRefused: {
    code: "convert/output-refused",
    severity: "error",
    summary: "The converted file would not load in Alloy (the validator's checks, every run flag allowed); named at the collector component whose block it is.",
    message: "{component}: Alloy would refuse the converted {block} (output line {where}): {message}",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  otlphttp: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlphttp]\n"),
  },
  notCarried: {
    code: "ledger/not-carried",
    severity: "warning",
    summary: "A setting of the collector configuration has no place in the converted component; it is an Error with --strict.",
    message: '{component}: setting "{path}" is not carried: {reason}; set its equivalent by hand or remove it',
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  batch:\n    foo_unknown: 1\n" + PIPELINE.replace("receivers: [otlp]", "receivers: [otlp]\n      processors: [batch]")),
  },
  summary: {
    code: "ledger/summary",
    severity: "warning",
    summary: "How many settings were not carried, and which (after the per-setting diagnostics).",
    message: "{count} {settings} not carried: {names}",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  batch:\n    foo_unknown: 1\n" + PIPELINE.replace("receivers: [otlp]", "receivers: [otlp]\n      processors: [batch]")),
  },
  label: {
    code: "ledger/label",
    severity: "info",
    summary: "Two collector components map to the same Alloy label; the later one gets the first free numbered label.",
    message: 'Labelled {component} (the component {who}): the label "{label}" is already used by the component {holder}',
    example: YAML("receivers:\n  otlp/a-b:\n    protocols:\n      grpc:\n  otlp/a_b:\n    protocols:\n      http:\n" + PIPELINE.replace("receivers: [otlp]", "receivers: [otlp/a-b, otlp/a_b]")),
  },
  profiles: {
    code: "ledger/profiles",
    severity: "warning",
    summary: "A component is used only by profiles pipelines, which no Alloy otelcol component carries, so it was not converted.",
    message: "{component} is used only by profiles pipelines and was not converted",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\n  zipkin:\n" + PIPELINE + "    profiles:\n      receivers: [zipkin]\n      exporters: [otlp]\n"),
  },
  unusedComponent: {
    code: "ledger/unused-component",
    severity: "info",
    summary: "A component is defined but not started by the collector (no pipeline or service list names it), so it was not converted.",
    message: "{component} {why}: the collector does not start it, so it was not converted",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\n  zipkin:\n" + PIPELINE),
  },
  reportUnread: {
    code: "report/unreadable",
    severity: "critical",
    summary: "`alloy report` could not read an entry of the tree (a dangling link, a link out of the root, bad UTF-8, the per-file time limit); the file is listed as failed.",
    message: "{reason}",
    example: { unreachable: REPORT },
  },
  reportVerify: {
    code: "report/verify",
    severity: "error",
    summary: "`alloy report`'s verification of a converted file: where its outputs differ from the collector's (Error), or why it stays unverified (Info).",
    message: "{finding}",
    example: { unreachable: REPORT },
  },
  reportVerifyFailed: {
    code: "report/verify-failed",
    severity: "warning",
    summary: "`alloy report` could not run the verification of a converted file; the file is left unverified.",
    message: "verification failed to run: {reason}",
    example: { unreachable: REPORT },
  },
  reportInternal: {
    code: "report/internal",
    severity: "critical",
    summary: "The analysis of one file failed on its own (a defect); the report lists the file as failed and goes on.",
    message: "internal error: {reason}",
    example: { unreachable: "it guards against defects of the converter; no input is meant to reach it" },
  },
});

/** The converter's codes under their short names. */
export const ConvertCode = codes(CONVERTER_DIAGNOSTICS);

/**
 * A converter diagnostic in the one model: `message` is upstream's text, `position` the YAML place (1-based) it is
 * about when known, and `code` the catalogue's (`convert/otelcol` for upstream's diagnostics, which have none).
 */
export function convertDiagnostic(severity: Severity, message: string, position?: LineColumn, code: string = ConvertCode.otelcol): Diagnostic {
  // Kept until the end of a conversion: flat, not the concatenation it was built as.
  builder.flat(message);
  return position ? { severity, code, message, position } : { severity, code, message };
}

const SEVERITY_TEXT: Record<Severity, string> = {
  critical: "Critical",
  error: "Error",
  warning: "Warning",
  info: "Info",
};

/**
 * Upstream's `(Severity) summary` (the message), plus `\n<detail>` when there is a detail. A known YAML position is appended as
 * ` (at FILE:LINE:COL)` (` (at LINE:COL)` without a file name); upstream-compatible conversions carry no
 * positions, so their texts stay exactly upstream's.
 */
export function renderDiagnostic(d: Diagnostic, fileName?: string): string {
  let text = `(${SEVERITY_TEXT[d.severity]}) ${d.message}`;
  if (d.position) text += ` (at ${fileName ? fileName + ":" : ""}${d.position.line}:${d.position.column})`;
  if (d.detail !== undefined && d.detail !== "") text += "\n" + d.detail;
  return text;
}

const CRITICAL_FOOTER =
  "A configuration file was not generated due to critical issues. Refer to the critical messages for more information.";
const ERROR_FOOTER =
  "A configuration file was not generated due to errors. Refer to the error messages for more information.\n\n" +
  "You can bypass the errors by using the --bypass-errors flag. Bypassing errors isn't recommended for production environments.";
const SUCCESS_FOOTER = "A configuration file was generated successfully.";

/** True when the diagnostics prevent writing an output (any Critical, or an Error without bypass). */
export function blocksOutput(diagnostics: readonly Diagnostic[], bypassErrors: boolean): boolean {
  return diagnostics.some((d) => d.severity === "critical" || (d.severity === "error" && !bypassErrors));
}

/** The report file content: selected diagnostics joined by `\n`, a blank line and the footer; no final newline. */
export function renderReport(
  diagnostics: readonly Diagnostic[],
  options: { bypassErrors?: boolean; fileName?: string } = {},
): string {
  let selected: readonly Diagnostic[];
  let footer: string;
  if (diagnostics.some((d) => d.severity === "critical")) {
    selected = diagnostics.filter((d) => d.severity === "critical");
    footer = CRITICAL_FOOTER;
  } else if (diagnostics.some((d) => d.severity === "error") && !options.bypassErrors) {
    selected = diagnostics.filter((d) => d.severity === "error");
    footer = ERROR_FOOTER;
  } else {
    selected = diagnostics;
    footer = SUCCESS_FOOTER;
  }
  return selected.map((d) => renderDiagnostic(d, options.fileName)).join("\n") + "\n\n" + footer;
}
