/**
 * `alloy convert`: upstream's flags, report file, exit codes and output rules (spec alloy-cli §3), for the
 * `otelcol` source format. Additions: `--compat=upstream` (byte-for-byte upstream output, quirks included),
 * `--skip-source-validation`, and atomic `--output`.
 */
import type { Command } from "commander";
import { blocksOutput, convertDiagnostic, convertOtelcol, renderDiagnostic, renderLedger, renderReport, type SettingFate } from "@alloy-ts/converter";
import { convertDialect, needsDialectConversion, type AlloyDialect, type DialectTarget } from "@alloy-ts/converter";
import { safeMessage, type Diagnostic } from "@alloy-ts/grammar";
import { CliError } from "../cli-error.js";
import { readInputCapped } from "../read-limit.js";
import { runFlagsFor } from "./run-flags.js";
// Hybrid dialect (docs/native-mappings.md).
import { convertOtelcolToHybrid } from "@alloy-ts/converter";
import { utf8Text, writeFileAtomic } from "../io.js";
import { writeStderr, writeStdout } from "../stdio.js";

interface ConvertFlags {
  sourceFormat?: string;
  output?: string;
  report?: string;
  bypassErrors?: boolean;
  extraArgs?: string;
  compat?: string;
  skipSourceValidation?: boolean;
  // Dialect conversions (docs/dialects.md).
  target?: string;
  dialect?: string;
  strict?: boolean;
}

/** Source formats upstream knows but this tool does not convert. */
const OTHER_UPSTREAM_FORMATS = ["prometheus", "promtail", "static"];

export function register(program: Command): void {
  program
    .command("convert")
    .description("Convert a supported configuration format to Alloy (reads standard input when no file or - is given)")
    .argument("[file]", "file to convert; - or none reads standard input")
    .option("-f, --source-format <format>", "the format of the source file: otelcol")
    .option("-o, --output <file>", "write the Alloy output to this file instead of standard output")
    .option("-r, --report <file>", "write a diagnostics report to this file")
    .option("-b, --bypass-errors", "produce output even when Error-level diagnostics exist")
    .option("-e, --extra-args <args>", "flags of the original program, passed to the converter")
    .option("--compat <mode>", "\"upstream\": reproduce upstream's output exactly, including its known quirks")
    .option("--skip-source-validation", "skip the OpenTelemetry configuration validation and the sys.env rewriting")
    // Dialect conversions (docs/dialects.md).
    .option("--target <format>", "output format: alloy (default) or otelcol (collector YAML, from --source-format=alloy)")
    .option("--strict", "fail when a setting of the input is not carried to the output (default: a Warning per setting)")
    .option("--dialect <dialect>", "Alloy flavour written for --target=alloy: otelcol (default, otelcol.* components), otel (the otel.* bridge dialect) or hybrid (native components, otel.* blocks for the rest)")
    .action((file: string | undefined, flags: ConvertFlags) => runConvert(file, flags));
}

/** Splits `--extra-args` as upstream does (alloy-cli §3 step 3). */
export function splitExtraArgs(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const eq = word.indexOf("=");
    if (eq === -1) {
      out.push(word);
      continue;
    }
    if (!word.startsWith("-")) throw new CliError(`invalid flag found: ${word}`);
    out.push(word.slice(0, eq));
    if (eq + 1 < word.length) out.push(word.slice(eq + 1));
  }
  return out;
}

/** The input as text; its bytes are garbage once decoded (a local would keep them for the whole conversion). */
function readInputText(file: string | undefined): { name: string; text: string } {
  const { name, bytes } = readInputCapped(file, "convert");
  return { name, text: utf8Text(name, bytes) };
}

export function runConvert(file: string | undefined, flags: ConvertFlags): void {
  if (!flags.sourceFormat) throw new CliError("source-format is a required flag");
  if (flags.compat !== undefined && flags.compat !== "upstream") {
    throw new CliError(`invalid value "${flags.compat}" for --compat: only "upstream" is supported`);
  }
  const { name, text } = readInputText(file);
  const extraArgs = flags.extraArgs ? splitExtraArgs(flags.extraArgs) : [];
  const compat = flags.compat === "upstream" ? "upstream" : undefined;

  let output: string | undefined;
  let diagnostics: Diagnostic[];
  let ledger: readonly SettingFate[] = [];
  if (flags.dialect === "hybrid") {
    ({ output, diagnostics, ledger } = runHybridConversion(text, flags, name));
  } else if (needsDialectConversion(flags)) {
    ({ output, diagnostics } = runDialectConversion(text, flags, name));
  } else if (flags.sourceFormat === "otelcol") {
    ({ output, diagnostics, ledger } = convertOtelcol(text, {
      compat,
      skipSourceValidation: flags.skipSourceValidation,
      extraArgs,
      fileName: name,
      strict: flags.strict === true,
    }));
  } else if (OTHER_UPSTREAM_FORMATS.includes(flags.sourceFormat)) {
    diagnostics = [convertDiagnostic("critical", `the "${flags.sourceFormat}" source format is not supported by this tool; only "otelcol" can be converted`)];
  } else {
    diagnostics = [convertDiagnostic("critical", `unrecognized kind "${flags.sourceFormat}" given to the config converter`)];
  }

  const fileName = compat ? undefined : name;
  const bypassErrors = flags.bypassErrors === true;
  // The flags Alloy needs for the output, once (upstream names none; --compat=upstream keeps that).
  if (!compat && output !== undefined && !blocksOutput(diagnostics, bypassErrors) && (flags.target === undefined || flags.target === "alloy")) {
    const needed = runFlagsFor(output);
    if (needed.length > 0) diagnostics = [...diagnostics, convertDiagnostic("info", `the converted file needs Alloy's command-line flags: ${needed.join(" ")}`)];
  }
  if (flags.report) {
    // Outside upstream compatibility the report also lists what became of every setting of the input. It quotes
    // values of the input: URL credentials are hidden there as in every message.
    const settings = ledger.length > 0 ? `\n\nSettings of the input:\n${renderLedger(ledger, fileName)}` : "";
    writeFileAtomic(flags.report, safeMessage(renderReport(diagnostics, { bypassErrors, fileName }) + settings));
  }
  if (blocksOutput(diagnostics, bypassErrors)) {
    throw new CliError(diagnostics.map((d) => renderDiagnostic(d, fileName)).join("\n"));
  }
  if (flags.output) writeFileAtomic(flags.output, output ?? "");
  else if (output !== undefined) writeStdout(output);
  // A successful conversion says what it did not carry over (upstream prints nothing; --compat=upstream keeps that).
  if (!compat && diagnostics.length > 0) writeStderr(safeMessage(diagnostics.map((d) => renderDiagnostic(d, fileName)).join("\n")) + "\n");
}

/** `--dialect=hybrid` (docs/native-mappings.md): collector YAML to native components plus `otel.*` blocks. */
function runHybridConversion(text: string, flags: ConvertFlags, fileName: string | undefined): { output?: string; diagnostics: Diagnostic[]; ledger: readonly SettingFate[] } {
  if (flags.sourceFormat !== "otelcol") throw new CliError("--dialect=hybrid needs --source-format=otelcol");
  if (flags.target !== undefined && flags.target !== "alloy") throw new CliError("--dialect=hybrid writes Alloy; use --target=alloy or leave --target out");
  if (flags.compat !== undefined) throw new CliError("--dialect=hybrid cannot be combined with --compat=upstream");
  return convertOtelcolToHybrid(text, { fileName, skipSourceValidation: flags.skipSourceValidation, strict: flags.strict === true });
}

/** `--source-format=alloy`, `--target` and `--dialect` (docs/dialects.md). */
function runDialectConversion(text: string, flags: ConvertFlags, fileName: string | undefined): { output?: string; diagnostics: Diagnostic[] } {
  if (flags.target !== undefined && !["alloy", "otelcol"].includes(flags.target)) throw new CliError(`invalid value "${flags.target}" for --target: alloy or otelcol`);
  if (flags.dialect !== undefined && !["otelcol", "otel"].includes(flags.dialect)) throw new CliError(`invalid value "${flags.dialect}" for --dialect: otelcol or otel`);
  if (flags.sourceFormat !== "otelcol" && flags.sourceFormat !== "alloy") {
    return { diagnostics: [convertDiagnostic("critical", `--target and --dialect need --source-format=otelcol or alloy, not "${flags.sourceFormat}"`)] };
  }
  return convertDialect(text, {
    sourceFormat: flags.sourceFormat,
    target: flags.target as DialectTarget | undefined,
    dialect: flags.dialect as AlloyDialect | undefined,
    fileName,
  });
}
