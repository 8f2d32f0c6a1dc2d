/**
 * Every code block of the documentation (docs/**, README.md, examples/**) is checked: Alloy blocks parse and are
 * canonically formatted, collector YAML blocks are valid collector configurations (snippets without a `service`
 * section: valid YAML with well-formed sections), the `alloy ...` commands of shell blocks run and succeed (those
 * that need files that do not exist, the network or a long-running process are skipped), and relative links
 * resolve. `<!-- docs-test: skip -->` before a block skips it; `<!-- docs-test: fails -->` expects its commands
 * to exit with status 1.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { format, parse } from "@alloy-ts/grammar";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";
import { alloyBin, cliBuilt } from "../support/cli.js";
import { spawnSync } from "node:child_process";
import { markdownFiles, readMarkdown, shellCommands, shellWords, type CodeBlock } from "./markdown.js";

const files = [path.join(repoRoot, "README.md"), ...markdownFiles(path.join(repoRoot, "docs")), ...markdownFiles(path.join(repoRoot, "examples"))];
const docs = files.map((f) => ({ rel: path.relative(repoRoot, f), ...readMarkdown(f) }));
const blocks = docs.flatMap((d) => d.blocks.filter((b) => !b.marks.includes("skip")).map((b) => ({ ...b, where: `${d.rel}:${b.line}` })));
const byLang = (...langs: string[]) => blocks.filter((b) => langs.includes(b.lang)).map((b) => [b.where, b] as const);

const COLLECTOR_KEYS = /^(receivers|processors|exporters|connectors|extensions|service):/m;

describe("Alloy code blocks", () => {
  it.each(byLang("alloy"))("%s parses and is canonically formatted", (_where, b) => {
    const r = parse(b.text);
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    expect(format(b.text)).toMatchObject({ ok: true, text: b.text });
  });
});

describe("YAML code blocks", () => {
  it.each(byLang("yaml", "yml"))("%s is valid (collector configurations: valid for the collector)", (_where, b) => {
    const diags = validateOtelcolYaml(b.text, "block.yaml").diagnostics.filter((d) => d.severity === "error");
    const complete = /^service:/m.test(b.text);
    const relevant = !COLLECTOR_KEYS.test(b.text)
      ? diags.filter((d) => d.code === "otelcol/yaml-syntax")
      : complete
        ? diags
        : diags.filter((d) => !["otelcol/no-pipelines", "otelcol/undefined-component", "otelcol/unused-component"].includes(d.code ?? ""));
    expect(relevant.map((d) => d.message)).toEqual([]);
  });
});

describe("relative links", () => {
  const links = docs.flatMap((d) => d.links.map((l) => [`${d.rel}:${l.line} → ${l.target}`, l] as const));
  it.each(links)("%s resolves", (_name, l) => {
    const target = decodeURI(l.target.split("#")[0]!);
    expect(existsSync(path.resolve(path.dirname(l.file), target))).toBe(true);
  });
});

// ---- shell blocks ----------------------------------------------------------------------------------------

const ALLOY_PREFIXES = [["npx", "alloy"], ["node_modules/.bin/alloy"], ["alloy"]];
/** Sub-commands that serve or wait (run, lsp) or reach the network (build --run): never run here. */
const LONG_RUNNING = new Set(["run", "lsp"]);
const OUTPUT_FLAGS = new Set(["-o", "--output", "-r", "--report"]);
const VALUE_FLAGS = new Set([...OUTPUT_FLAGS, "-f", "--source-format", "-e", "--extra-args", "--compat", "--config.format", "--config.extra-args", "--stability.level", "--format", "--source-format", "--distribution", "--base", "--otelcol-version", "--input", "--alloy", "--listen", "--max-body-size"]);

interface Planned { command: string; args?: string[]; skip?: string }

/** The alloy arguments of a command line, or why it is not run. */
function plan(command: string, cwd: string, created: Set<string>): Planned {
  if (/[|<>;&`*]|\$\(/.test(command)) return { command, skip: "shell syntax" };
  const words = shellWords(command);
  const prefix = ALLOY_PREFIXES.find((p) => p.every((w, i) => words[i] === w));
  if (!prefix) return { command, skip: "not an alloy command" };
  const args = words.slice(prefix.length);
  if (LONG_RUNNING.has(args[0] ?? "") || args.includes("--run") || args.includes("--stdio")) return { command, skip: "long-running or networked" };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith("-") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (VALUE_FLAGS.has(flag) && inline === undefined) i++;
    const value = VALUE_FLAGS.has(flag) ? (inline ?? args[i]) : a.startsWith("-") ? undefined : a;
    if (value === undefined || value === "-" || value === "alloy-otel" || value.startsWith("/dev/")) continue;
    if (OUTPUT_FLAGS.has(flag)) {
      created.add(path.resolve(cwd, value));
      continue;
    }
    const looksLikePath = flag === "--input" || flag === "--alloy" || flag === "--base" || flag === "--distribution" || (!a.startsWith("-") && /[./]/.test(value));
    if (looksLikePath && !existsSync(path.resolve(cwd, value)) && !created.has(path.resolve(cwd, value))) return { command, skip: `no file ${value}` };
  }
  return { command, args };
}

/** Folders the documented commands may write into: copied, so that outputs never land in the repository. */
const COPIED = new Set(["docs", "examples", "fixtures"]);

/** A scratch directory that sees the repository's top-level entries (writable ones as copies). */
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "alloy-docs-"));
  for (const e of readdirSync(repoRoot)) {
    if (e.startsWith(".") || e === "node_modules") continue;
    if (COPIED.has(e)) cpSync(path.join(repoRoot, e), path.join(dir, e), { recursive: true });
    else symlinkSync(path.join(repoRoot, e), path.join(dir, e));
  }
  return dir;
}

const shellBlocks: (readonly [string, CodeBlock])[] = byLang("sh", "bash", "shell");

describe.skipIf(!cliBuilt)("shell blocks", () => {
  it.each(shellBlocks)("%s: its alloy commands succeed", (_where, b) => {
    const cwd = scratch();
    const created = new Set<string>();
    for (const command of shellCommands(b.text)) {
      const p = plan(command, cwd, created);
      if (!p.args) continue;
      const r = spawnSync(process.execPath, [alloyBin, ...p.args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
      expect(r.stderr, command).not.toContain("internal error");
      expect(r.status, `${command}\n${r.stderr}`).toBe(b.marks.includes("fails") ? 1 : 0);
    }
  });

  it("runs at least the commands of the migration guide", () => {
    const guide = shellBlocks.filter(([w]) => w.startsWith("docs/migration-guide.md"));
    const cwd = scratch();
    const created = new Set<string>();
    const runnable = guide.flatMap(([, b]) => shellCommands(b.text)).map((c) => plan(c, cwd, created)).filter((p) => p.args);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
  });
});
