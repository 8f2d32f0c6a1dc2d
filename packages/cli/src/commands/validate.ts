/**
 * `alloy validate`: upstream's flags, output and exit status (alloy-cli spec §4), plus `--format=json|sarif`,
 * `--source-format=otelcol` (check collector YAML itself, otel-config spec) and `--distribution` (restrict
 * otelcol components to a collector builder manifest).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { parse, SourceFile, type ParseResult } from "@alloy-ts/grammar";
import {
  parseRunFlags,
  RunFlagsError,
  renderPretty,
  toJsonReport,
  toSarif,
  validateDetailed,
  ValidationCode,
  type Distribution,
  type RunFlags,
  type Stability,
  type ValidationDiagnostic,
} from "@alloy-ts/validator";
import { CliError, reportFailure } from "../cli-error.js";
import { loadCollectorChecks } from "../collector-checks.js";
import { readInputCapped } from "../read-limit.js";
import { statErrorMessage, utf8Text } from "../io.js";
import { stdoutIsTerminal, writeStderr, writeStdout } from "../stdio.js";

interface ValidateFlags {
  "config.format"?: string;
  "config.bypassConversionErrors"?: boolean;
  "config.extraArgs"?: string;
  "stability.level"?: string;
  "feature.communityComponents.enabled"?: boolean;
  format?: string;
  sourceFormat?: string;
  distribution?: string;
  hints?: boolean;
  runFlags?: string;
  compat?: string;
}

const STABILITY_LEVELS: readonly Stability[] = ["experimental", "public-preview", "generally-available"];
const CONFIG_FORMATS = ["alloy", "otelcol", "prometheus", "promtail", "static"];

export function register(program: Command): void {
  program
    .command("validate")
    .description("Validate Alloy configuration files (a file, or every .alloy file of a directory)")
    .argument("[path...]", "file or directory to validate")
    .option("--config.format <format>", "the format of the source file: alloy, otelcol (converted, then validated)", "alloy")
    .option("--config.bypass-conversion-errors", "accept Error-level conversion diagnostics when converting")
    .option("--config.extra-args <args>", "extra arguments for the converter", "")
    .option("--stability.level <level>", "minimum stability level: experimental, public-preview, generally-available (default: generally-available)")
    .option("--feature.community-components.enabled", "allow community components")
    .option("--run-flags <file>", "file holding the flags Alloy runs with (as written for `alloy run`, e.g. CUSTOM_ARGS); its --stability.level and --feature.community-components.enabled apply")
    .option("--format <format>", "output format: text (upstream's), json or sarif", "text")
    .option("--source-format <format>", "otelcol: check an OpenTelemetry Collector YAML file as the collector would")
    .option("--distribution <file>", "OpenTelemetry Collector Builder manifest, or alloy-otel: only its components are available")
    .option("--hints", "print did-you-mean hints under text diagnostics")
    .option("--compat <mode>", "upstream: one error per block below the stability level, as Alloy prints them")
    .action((paths: string[], flags: ValidateFlags) => runValidate(paths, flags));
}

function flag<T>(flags: Record<string, unknown>, ...names: string[]): T | undefined {
  for (const n of names) if (flags[n] !== undefined) return flags[n] as T;
  return undefined;
}

export function runValidate(paths: string[], rawFlags: ValidateFlags): void {
  const flags = rawFlags as Record<string, unknown>;
  if (paths.length !== 1) throw new CliError(`accepts 1 arg(s), received ${paths.length}`);
  const target = paths[0]!;
  const fromFile = rawFlags.runFlags !== undefined ? readRunFlags(String(rawFlags.runFlags)) : {};
  // A flag given on the command line wins over the file.
  const level = flag<string>(flags, "stability.level", "stabilityLevel") ?? fromFile.level ?? "generally-available";
  if (!STABILITY_LEVELS.includes(level as Stability)) throw new CliError(`invalid stability level "${level}"`);
  const format = flag<string>(flags, "format") ?? "text";
  if (!["text", "json", "sarif"].includes(format)) throw new CliError(`invalid value "${format}" for --format: text, json or sarif`);
  const community = flag<boolean>(flags, "feature.communityComponents.enabled", "feature.community-components.enabled") === true || fromFile.community === true;
  if (rawFlags.compat !== undefined && rawFlags.compat !== "upstream") throw new CliError(`invalid value "${rawFlags.compat}" for --compat: upstream`);
  const distribution = rawFlags.distribution ? loadDistribution(rawFlags.distribution) : undefined;

  if (rawFlags.sourceFormat !== undefined) {
    if (rawFlags.sourceFormat !== "otelcol") throw new CliError(`unsupported --source-format "${rawFlags.sourceFormat}": only otelcol`);
    const { name, text } = readFileArg(target);
    const r = loadCollectorChecks().checkCollectorYaml(text, name, distribution);
    // The collector starts with warnings (unused components, unchecked settings): only errors fail the file.
    report(r.diagnostics, new Map([[name, r.source]]), format, rawFlags.hints === true, [], "error");
    return;
  }

  const configFormat = flag<string>(flags, "config.format", "configFormat") ?? "alloy";
  if (!CONFIG_FORMATS.includes(configFormat)) throw new CliError(`unrecognized kind "${configFormat}" given to the config converter`);
  const inputs = loadSources(target, configFormat, flags);
  const result = validateDetailed(inputs, {
    stabilityLevel: level as Stability,
    communityComponents: community,
    targetNotes: true,
    readImport: readImportFromDisk,
    ...(rawFlags.compat === "upstream" ? { compat: "upstream" as const } : {}),
    ...(distribution ? { allowedOtelcolComponents: distribution.alloyComponents } : {}),
  });
  const missing = result.diagnostics.filter((d) => d.code === ValidationCode.distribution).map((d) => /"([^"]+)"/.exec(d.message)?.[1] ?? "");
  report(result.diagnostics, result.sources, format, rawFlags.hints === true, [...new Set(missing)]);
}

/** The run flags of `--run-flags FILE` (the validator's reader, shared with the language server). */
function readRunFlags(file: string): RunFlags {
  const { name, text } = readFileArg(file);
  try {
    return parseRunFlags(text, name);
  } catch (e) {
    throw e instanceof RunFlagsError ? new CliError(e.message) : e;
  }
}

/**
 * An import.file module from disk: the path as written when absolute, else next to the importing file, then
 * from the working directory (where `alloy run` resolves it); a directory gives its .alloy files.
 */
export function readImportFromDisk(filename: string, fromFile: string): { name: string; text: string }[] | { error: string } | undefined {
  const candidates = path.isAbsolute(filename) ? [filename] : [path.resolve(path.dirname(fromFile), filename), path.resolve(filename)];
  for (const c of candidates) {
    try {
      if (!statSync(c).isDirectory()) return [{ name: c, text: readCapped(c).toString("utf8") }];
      const names = readdirSync(c).filter((n) => n.endsWith(".alloy")).sort();
      return names.map((n) => ({ name: path.join(c, n), text: readCapped(path.join(c, n)).toString("utf8") }));
    } catch (e) {
      if (e instanceof CliError) return { error: e.message }; // there, but too large or unreadable
      // Not there: try the next place.
    }
  }
  return undefined;
}

function loadDistribution(file: string): Distribution {
  const d = loadCollectorChecks().distributionOf(file === "alloy-otel" ? undefined : readFileArg(file).text);
  if ("errors" in d) throw new CliError(`invalid distribution manifest ${file}: ${d.errors.join("; ")}`);
  return d.distribution;
}

/** A file's bytes, refusing past the input limit (a device such as /dev/zero never ends). */
const readCapped = (file: string): Buffer => readInputCapped(file === "-" ? "./-" : file, "validate").bytes;

function readFileArg(file: string): { name: string; text: string } {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new CliError(statErrorMessage(file, e));
  }
  if (st.isDirectory()) throw new CliError(`${file} is a directory`);
  return { name: file, text: utf8Text(file, readCapped(file)) };
}

/** Loads PATH as upstream does (spec §4 step 1): a directory's *.alloy files, or one file (converted if asked). */
function loadSources(target: string, configFormat: string, flags: Record<string, unknown>): ParseResult[] {
  let st;
  try {
    st = statSync(target);
  } catch (e) {
    throw new CliError(statErrorMessage(target, e));
  }
  if (st.isDirectory()) {
    const names = readdirSync(target, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith(".alloy"))
      .map((d) => path.join(target, d.name))
      .sort();
    return names.map((n) => parse(SourceFile.fromBytes(n, readCapped(n)), { name: n }));
  }
  const bytes = readCapped(target);
  if (configFormat === "alloy") return [parse(SourceFile.fromBytes(target, bytes), { name: target })];
  if (configFormat !== "otelcol") throw new CliError(`(Critical) the "${configFormat}" source format is not supported by this tool; only "otelcol" can be converted`);
  const extra = String(flag<string>(flags, "config.extraArgs", "configExtraArgs") ?? "");
  const bypass = flag<boolean>(flags, "config.bypassConversionErrors", "configBypassConversionErrors") === true;
  const converted = loadCollectorChecks().convertForValidation(utf8Text(target, bytes), target, extra.split(/\s+/).filter(Boolean), bypass);
  if ("error" in converted) throw new CliError(converted.error);
  // Positions refer to the converted Alloy text, under the original file's name (spec §5).
  return [parse(converted.output, { name: target })];
}

function useColor(): boolean {
  return stdoutIsTerminal() && !process.env.NO_COLOR && process.env.TERM !== "dumb";
}

/** `failOn`: the severities that fail the run (Alloy files: anything but info; collector files: errors). */
function report(diags: ValidationDiagnostic[], sources: Map<string, SourceFile>, format: string, hints: boolean, missing: string[], failOn: "error" | "warning" = "warning"): void {
  if (format === "json") {
    writeStdout(JSON.stringify(toJsonReport(diags, sources), null, 2) + "\n");
  } else if (format === "sarif") {
    writeStdout(JSON.stringify(toSarif(diags, sources), null, 2) + "\n");
  } else if (diags.length) {
    writeStderr(renderPretty(diags, sources, { color: useColor(), hints }));
    writeStdout("\n");
  }
  if (missing.length) writeStderr(`the distribution lacks ${missing.length} component(s) this configuration needs: ${missing.join(", ")}\n`);
  // Info diagnostics (where a file can run) say something true of a valid file: they do not fail it.
  if (diags.some((d) => d.severity === "error" || (failOn === "warning" && d.severity === "warning"))) throw new CliError("validation failed");
}

void reportFailure;
