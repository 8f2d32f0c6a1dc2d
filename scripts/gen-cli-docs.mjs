// Generates the CLI reference (docs/cli/*.md) from the command definitions themselves: the commander tree that
// `buildProgram` builds with every command module, so the pages cannot drift from `alloy <command> --help`.
// Run after `npm run build`:  node scripts/gen-cli-docs.mjs [--check]
// --check writes nothing and exits 1 when a committed page differs from what would be generated.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = path.join(root, "packages", "cli", "dist");
export const docsDir = path.join(root, "docs", "cli");

/**
 * What upstream `alloy` has (spec alloy-cli §2-4: fmt, convert, validate with these flags; §1: `run`, `tools`,
 * `gql` and `otel` exist upstream with other meanings). A command not listed is this toolchain's own.
 */
const UPSTREAM = {
  fmt: { origin: "upstream", note: "Upstream command (one file per call upstream).", flags: ["--write", "--test"] },
  convert: { origin: "upstream", note: "Upstream command; upstream also converts `prometheus`, `promtail` and `static`.", flags: ["--source-format", "--output", "--report", "--bypass-errors", "--extra-args"] },
  validate: {
    origin: "upstream",
    note: "Upstream command.",
    flags: ["--config.format", "--config.bypass-conversion-errors", "--config.extra-args", "--stability.level", "--feature.community-components.enabled"],
  },
  run: { origin: "name only", note: "Upstream's `alloy run` runs an Alloy configuration with the full engine; this one is a local, lightweight runner and shares only the name.", flags: [] },
  tools: { origin: "group upstream", note: "Upstream has a `tools` command group; the sub-commands below are this toolchain's.", flags: [] },
};

/** The commander tree with every command module registered, as `alloy --help` sees it. */
export async function loadProgram() {
  if (!existsSync(path.join(distDir, "main.js"))) throw new Error("packages/cli/dist is missing: run `npm run build` first");
  const { buildProgram } = await import(pathToFileURL(path.join(distDir, "program.js")).href);
  const files = readdirSync(path.join(distDir, "commands")).filter((f) => f.endsWith(".js")).sort();
  const modules = [];
  for (const f of files) {
    const m = await import(pathToFileURL(path.join(distDir, "commands", f)).href);
    if (typeof m.register === "function") modules.push(m);
  }
  return buildProgram(modules);
}

const code = (s) => "`" + s.replace(/\|/g, "\\|") + "`";
const cell = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** `--help` text at a fixed width, so the page does not depend on the terminal. */
function helpText(cmd) {
  cmd.configureHelp({ helpWidth: 100 });
  return cmd.helpInformation().trimEnd();
}

function optionRows(cmd, upstreamFlags) {
  const rows = ["| Option | Default | Origin | Description |", "| --- | --- | --- | --- |"];
  for (const o of cmd.options) {
    const boolean = !o.required && !o.optional;
    const dflt = o.defaultValue !== undefined ? code(JSON.stringify(o.defaultValue)) : boolean && !o.negate ? "`false`" : "";
    const origin = upstreamFlags.includes(o.long) ? "upstream" : "ours";
    rows.push(`| ${code(o.flags)} | ${dflt} | ${origin} | ${cell(o.description)} |`);
  }
  rows.push("| `-h, --help` |  | upstream | display help for command |");
  return rows;
}

function argumentRows(cmd) {
  const args = cmd.registeredArguments ?? [];
  if (args.length === 0) return [];
  const rows = ["| Argument | Required | Description |", "| --- | --- | --- |"];
  for (const a of args) rows.push(`| ${code(a.name() + (a.variadic ? "..." : ""))} | ${a.required ? "yes" : "no"} | ${cell(a.description)} |`);
  return [...rows, ""];
}

function commandSection(cmd, fullName, upstream, level) {
  const h = "#".repeat(level);
  const lines = [`${h} \`${fullName}\``, "", cmd.description(), ""];
  if (cmd.aliases().length) lines.push(`Aliases: ${cmd.aliases().map((a) => code(a)).join(", ")}.`, "");
  lines.push("```text", helpText(cmd), "```", "");
  lines.push(...argumentRows(cmd), ...optionRows(cmd, upstream?.flags ?? []), "");
  for (const sub of cmd.commands) lines.push(...commandSection(sub, `${fullName} ${sub.name()}`, undefined, level + 1));
  return lines;
}

/**
 * A page may carry hand-written prose after this line (what the command models, in depth); the generator keeps
 * it as it is and regenerates only what comes before.
 */
const HAND_WRITTEN = "<!-- Hand-written below this line; scripts/gen-cli-docs.mjs keeps it. -->";

function handWritten(name) {
  const file = path.join(docsDir, `${name}.md`);
  if (!existsSync(file)) return "";
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(HAND_WRITTEN);
  return at < 0 ? "" : `\n${text.slice(at)}`;
}

function page(cmd) {
  const upstream = UPSTREAM[cmd.name()];
  const lines = [
    "<!-- Generated by scripts/gen-cli-docs.mjs from the command definitions; do not edit. -->",
    ...commandSection(cmd, `alloy ${cmd.name()}`, upstream, 1),
  ];
  lines.splice(4, 0, "", upstream ? `Origin: ${upstream.note}` : "Origin: this toolchain's own command (upstream has none of this name).");
  return lines.join("\n").replace(/\n+$/, "\n") + handWritten(cmd.name());
}

function index(program) {
  const lines = [
    "<!-- Generated by scripts/gen-cli-docs.mjs from the command definitions; do not edit. -->",
    "# `alloy` command reference",
    "",
    program.description(),
    "",
    "Each page shows the command's `--help` text and its options, with defaults and whether an option is",
    "upstream Grafana Alloy's (same name and meaning) or this toolchain's. \"name only\": upstream has a command of",
    "this name that does something else; \"group upstream\": upstream has the command group, the sub-commands are",
    "ours. Regenerate after changing a command:",
    "",
    "```sh",
    "npm run build && node scripts/gen-cli-docs.mjs",
    "```",
    "",
    "| Command | Origin | Description |",
    "| --- | --- | --- |",
  ];
  for (const c of [...program.commands].sort((a, b) => a.name().localeCompare(b.name()))) {
    lines.push(`| [\`alloy ${c.name()}\`](${c.name()}.md) | ${UPSTREAM[c.name()]?.origin ?? "ours"} | ${cell(c.description())} |`);
  }
  lines.push("", "```text", helpText(program), "```");
  return lines.join("\n") + "\n";
}

/** Page file name → content, for every command. */
export async function generateCliDocs() {
  const program = await loadProgram();
  const pages = new Map([["README.md", index(program)]]);
  for (const c of program.commands) pages.set(`${c.name()}.md`, page(c));
  return pages;
}

/** Names of pages that differ from (or are missing in, or are extra in) docs/cli. */
export async function staleCliDocs() {
  const pages = await generateCliDocs();
  const stale = [];
  for (const [name, text] of pages) {
    const file = path.join(docsDir, name);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) stale.push(name);
  }
  if (existsSync(docsDir)) for (const f of readdirSync(docsDir)) if (!pages.has(f)) stale.push(f);
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = await staleCliDocs();
    if (stale.length) {
      console.error(`docs/cli is out of date (${stale.join(", ")}): run node scripts/gen-cli-docs.mjs`);
      process.exit(1);
    }
  } else {
    const pages = await generateCliDocs();
    rmSync(docsDir, { recursive: true, force: true });
    mkdirSync(docsDir, { recursive: true });
    for (const [name, text] of pages) writeFileSync(path.join(docsDir, name), text);
    console.log(`wrote ${pages.size} pages to docs/cli`);
  }
}
