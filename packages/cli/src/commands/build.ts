/**
 * `alloy build [FILES...]`: writes the OpenTelemetry Collector Builder manifest (builder-config.yaml) of a
 * collector that runs the given configurations, from the shared OTel type ↔ Go module table
 * (@alloy-ts/otel `OTEL_MODULES`). With `--base`, only the modules that distribution lacks; with `--run`, the
 * `builder` binary is run on the manifest. Not an upstream command.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { alloyOtelManifest, manifestModules, requiredModules } from "@alloy-ts/converter";
import { contribProvidersFor, OTEL_PROVIDERS, OTEL_VERSIONS, readYaml, referencedSchemes, renderManifest, OTEL_KIND_SINGULAR, type OtelKind, type OtelModule, type OtelProvider } from "@alloy-ts/otel";
import { CliError } from "../cli-error.js";
import { statErrorMessage, writeFileAtomic } from "../io.js";

interface BuildFlags {
  otelcolVersion?: string;
  base?: string;
  output?: string;
  run?: boolean;
}

/** The name `--base` and `--distribution` accept for the built-in distribution. */
export const BUILT_IN_BASE = "alloy-otel";
const BUILDER = "builder";

export function register(program: Command): void {
  program
    .command("build")
    .description("Write the OpenTelemetry Collector Builder manifest of a collector that runs the given configurations")
    .argument("[files...]", "collector YAML (.yaml, .yml) or Alloy (.alloy) files, or directories of them")
    .option("--otelcol-version <version>", "version of the collector component modules", OTEL_VERSIONS.contrib)
    .option("--base <manifest>", `list only what this distribution lacks: "${BUILT_IN_BASE}" or a builder manifest file`)
    .option("-o, --output <file>", "write the manifest to this file (default: standard output; builder-config.yaml with --run)")
    .option("--run", `run the OpenTelemetry Collector Builder (\`${BUILDER}\`) on the manifest`)
    .action((files: string[], flags: BuildFlags) => runBuild(files, flags));
}

type Input = { name: string; text: string; format: "otelcol" | "alloy" };

function formatOf(file: string): Input["format"] | undefined {
  if (/\.ya?ml$/i.test(file)) return "otelcol";
  if (/\.alloy$/i.test(file)) return "alloy";
  return undefined;
}

/** Files as given, and the .alloy/.yaml/.yml files directly inside given directories (sorted). */
function loadInputs(files: string[]): Input[] {
  const out: Input[] = [];
  for (const f of files) {
    let st;
    try {
      st = statSync(f);
    } catch (e) {
      throw new CliError(statErrorMessage(f, e));
    }
    const names = st.isDirectory() ? readdirSync(f).sort().filter((n) => formatOf(n)).map((n) => path.join(f, n)) : [f];
    for (const name of names) {
      const format = formatOf(name);
      if (!format) throw new CliError(`${name}: cannot tell the format; use a .yaml, .yml or .alloy file`);
      out.push({ name, text: readFileSync(name, "utf8"), format });
    }
  }
  return out;
}

function baseModules(base: string): Set<string> {
  if (base === BUILT_IN_BASE) return manifestModules(alloyOtelManifest()).modules;
  let text: string;
  try {
    text = readFileSync(base, "utf8");
  } catch (e) {
    throw new CliError(statErrorMessage(base, e));
  }
  const r = manifestModules(text);
  if (r.errors.length) throw new CliError(`invalid builder manifest ${base}: ${r.errors.join("; ")}`);
  for (const p of manifestProviders(text)) r.modules.add(p);
  return r.modules;
}

/** The module paths of a manifest's `providers` list (component lists are read by manifestModules). */
function manifestProviders(text: string): string[] {
  const r = readYaml(text);
  const list = r.ok && r.value instanceof Map ? r.value.get("providers") : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => (e instanceof Map && typeof e.get("gomod") === "string" ? [String(e.get("gomod")).trim().split(/\s+/)[0]!] : []));
}

/** `v0.158.0` or `0.158.0`, as Go module versions are written. */
function normaliseVersion(v: string): string {
  const m = /^v?(\d+\.\d+\.\d+(?:-[\w.-]+)?)$/.exec(v.trim());
  if (!m) throw new CliError(`invalid --otelcol-version "${v}": expected a version like ${OTEL_VERSIONS.contrib}`);
  return `v${m[1]}`;
}

/** The manifest text for `files`; diagnostics go to stderr. Exported for tests. */
export function buildManifest(files: string[], flags: BuildFlags): { text: string; errors: number; messages: string[] } {
  if (files.length === 0) throw new CliError("requires at least 1 arg(s), only received 0");
  const version = normaliseVersion(flags.otelcolVersion ?? OTEL_VERSIONS.contrib);
  const inputs = loadInputs(files);
  const { requirements, diagnostics } = requiredModules(inputs);
  const messages = diagnostics.map((d) => `${d.file}: ${d.severity}: ${d.message}`);
  const base = flags.base !== undefined ? baseModules(flags.base) : undefined;
  const modules: Partial<Record<OtelKind, OtelModule[]>> = {};
  const collectorModule = (m: OtelModule) => m.module.startsWith("go.opentelemetry.io/collector/") || m.module.startsWith("github.com/open-telemetry/");
  let sourceBuilt = 0;
  for (const r of requirements) {
    if (base?.has(r.module.module)) continue;
    if (r.module.sourceBuilt !== undefined) {
      messages.push(`${r.files.join(", ")}: error: ${OTEL_KIND_SINGULAR[r.kind]} type "${r.type}" (${r.module.module}) cannot be listed by a gomod line: ${r.module.sourceBuilt}`);
      sourceBuilt++;
      continue;
    }
    const m = collectorModule(r.module) ? { ...r.module, version } : r.module;
    (modules[r.kind] ??= []).push(m);
  }
  for (const list of Object.values(modules)) list.sort((a, b) => a.module.localeCompare(b.module));
  // A contrib provider only for the schemes the collector files reference (each pulls in a cloud SDK).
  const contribProviders = contribProvidersFor(yamlSchemes(inputs)).map((p) => ({ ...p, version })).filter((p) => !base?.has(p.module));
  const missing = Object.values(modules).reduce((n, l) => n + l.length, 0) + contribProviders.length;
  const header = [`OpenTelemetry Collector Builder manifest for: ${files.join(" ")}`, `written by alloy build from the module table of collector ${OTEL_VERSIONS.contrib} (core ${OTEL_VERSIONS.coreStable})`];
  let text: string;
  if (base !== undefined) {
    header.push(missing ? `the modules ${flags.base} lacks; add them to its lists` : `${flags.base} already has every component these configurations use`);
    text = renderManifest({ header, modules, providers: contribProviders });
  } else {
    // Providers are stable (v1.x) modules whose number differs from the components'; with another version the
    // builder's own default providers are the safe choice, so the section is left out.
    const providers: OtelProvider[] | undefined = version === OTEL_VERSIONS.contrib ? [...OTEL_PROVIDERS, ...contribProviders] : undefined;
    if (!providers) {
      messages.push(`info: no providers section: the builder adds its default confmap providers for ${version}`);
      for (const p of contribProviders) {
        messages.push(`warning: \${${p.scheme}:...} needs ${p.module} ${version}; add a providers section with it and the default providers by hand`);
      }
    }
    text = renderManifest({
      header,
      dist: { name: "otelcol-custom", description: "Collector built by alloy build", outputPath: "./otelcol-custom" },
      modules,
      ...(providers ? { providers } : {}),
    });
  }
  return { text, errors: diagnostics.filter((d) => d.severity === "error").length + sourceBuilt, messages };
}

/** URI schemes referenced in the collector YAML inputs (files that do not parse are reported elsewhere). */
function yamlSchemes(inputs: readonly Input[]): Set<string> {
  const out = new Set<string>();
  for (const i of inputs) {
    if (i.format !== "otelcol") continue;
    const r = readYaml(i.text);
    if (r.ok) for (const s of referencedSchemes(r.value)) out.add(s);
  }
  return out;
}

function onPath(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of process.platform === "win32" ? [".exe", ".cmd", ""] : [""]) {
      const p = path.join(dir, bin + ext);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

export function runBuild(files: string[], flags: BuildFlags): void {
  if (flags.run && flags.base !== undefined) throw new CliError("--run needs a complete manifest: leave out --base");
  const { text, errors, messages } = buildManifest(files, flags);
  for (const m of messages) process.stderr.write(`${m}\n`);
  if (errors > 0) throw new CliError(`${errors} component type(s) have no Go module a manifest can list; no manifest written`);
  const output = flags.output ?? (flags.run ? "builder-config.yaml" : undefined);
  if (output === undefined) process.stdout.write(text);
  else writeFileAtomic(output, text);
  if (!flags.run) return;
  const builder = onPath(BUILDER);
  if (!builder) {
    throw new CliError(
      `the OpenTelemetry Collector Builder ("${BUILDER}") is not on PATH; the manifest is in ${output}. ` +
        `Install it with \`go install go.opentelemetry.io/collector/cmd/builder@${normaliseVersion(flags.otelcolVersion ?? OTEL_VERSIONS.contrib)}\` ` +
        `(or download the ocb binary of the opentelemetry-collector-releases project and name it ${BUILDER}), then run \`${BUILDER} --config=${output}\``,
    );
  }
  const r = spawnSync(builder, [`--config=${output}`], { stdio: "inherit" });
  if (r.error) throw new CliError(`cannot run ${builder}: ${r.error.message}`);
  if (r.status !== 0) throw new CliError(`${BUILDER} exited with status ${r.status ?? "?"}`);
}
