/**
 * A folder is one configuration: components declared in a sibling file resolve (no false "does not exist"),
 * go to definition crosses files, and a change to one file re-checks the open files that refer to it. Also run
 * over every multi-file configuration of ../shared/corpus/alloy.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shared, sharedDir } from "../support/shared.js";
import { runAlloy } from "../support/cli.js";
import { applyEdits, cliBuilt, LspClient, notBuiltMessage } from "./support/client.js";

if (!cliBuilt) console.warn(`workspace.test: ${notBuiltMessage}`);

const EXPORTER = 'otelcol.exporter.otlp "tempo" {\n\tclient {\n\t\tendpoint = "tempo:4317"\n\t}\n}\n';
const RECEIVER = 'otelcol.receiver.otlp "in" {\n\tgrpc {}\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.tempo.input]\n\t}\n}\n';

describe.skipIf(!cliBuilt)("a folder is one configuration", () => {
  let client: LspClient;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "alloy-ws-"));
    client = await LspClient.start();
  });
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("resolves references to a sibling file, on disk and open, and re-checks dependents on change", async () => {
    writeFileSync(path.join(dir, "exporters.alloy"), EXPORTER);
    writeFileSync(path.join(dir, "receivers.alloy"), RECEIVER);
    const rec = pathToFileURL(path.join(dir, "receivers.alloy")).href;
    const exp = pathToFileURL(path.join(dir, "exporters.alloy")).href;
    client.open(rec, RECEIVER);
    expect((await client.diagnostics(rec, 1)).diagnostics.map((d) => d.message)).toEqual([]);
    const def = await client.request("textDocument/definition", { textDocument: { uri: rec }, position: { line: 3, character: 35 } });
    expect(def).toMatchObject({ uri: exp, range: { start: { line: 0, character: 0 } } });
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", { textDocument: { uri: rec }, position: { line: 3, character: 35 } });
    expect(hover.contents.value).toContain("Defined in `exporters.alloy`, line 1.");
    const items = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri: rec }, position: { line: 3, character: 12 } });
    expect(items.map((i) => i.label)).toContain("otelcol.exporter.otlp.tempo.input");
    // The exporter is opened and its label changed (unsaved): the receiver's reference is now unresolved.
    client.open(exp, EXPORTER);
    const since = performance.now();
    client.change(exp, 2, EXPORTER.replace('"tempo"', '"other"'));
    await client.diagnostics(exp, 2);
    // A publication of the first check may still land after the change (its later stage): wait for the re-check's.
    const unresolved = 'component "otelcol.exporter.otlp.tempo.input" does not exist or is out of scope';
    const recheck = await client.diagnosticsWhere(rec, 1, (p) => p.diagnostics.some((d) => d.message === unresolved), since);
    expect(recheck.diagnostics.map((d) => d.message)).toContain(unresolved);
  });

  it("finds references and renames a label across the files of the folder", async () => {
    const sub = mkdtempSync(path.join(dir, "rename-"));
    writeFileSync(path.join(sub, "exporters.alloy"), EXPORTER);
    writeFileSync(path.join(sub, "receivers.alloy"), RECEIVER);
    const rec = pathToFileURL(path.join(sub, "receivers.alloy")).href;
    const exp = pathToFileURL(path.join(sub, "exporters.alloy")).href;
    client.open(exp, EXPORTER);
    // From the declaration: the reference in the other file (not open) is found.
    const refs = await client.request<{ uri: string; range: { start: { line: number } } }[]>("textDocument/references", { textDocument: { uri: exp }, position: { line: 0, character: 24 }, context: { includeDeclaration: true } });
    expect(refs.map((r) => `${r.uri === exp ? "exp" : r.uri === rec ? "rec" : r.uri}:${r.range.start.line}`)).toEqual(["exp:0", "rec:3"]);
    // From the reference in the other file: the rename edits both files.
    client.open(rec, RECEIVER);
    const edit = await client.request<{ changes: Record<string, { newText: string }[]> }>("textDocument/rename", { textDocument: { uri: rec }, position: { line: 3, character: 35 }, newName: "backend" });
    expect(Object.keys(edit.changes).sort()).toEqual([exp, rec].sort());
    expect(applyEdits(EXPORTER, edit.changes[exp] as never)).toContain('otelcol.exporter.otlp "backend" {');
    expect(applyEdits(RECEIVER, edit.changes[rec] as never)).toContain("[otelcol.exporter.otlp.backend.input]");
  });
});

describe.skipIf(!cliBuilt)("custom components", () => {
  it("goes from an instance of a declared component to its declare block, in the file and in a sibling", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-decl-"));
    const client = await LspClient.start();
    try {
      const declare = 'declare "pipeline" {\n\targument "target" {}\n}\n';
      writeFileSync(path.join(dir, "modules.alloy"), declare);
      const main = pathToFileURL(path.join(dir, "main.alloy")).href;
      const text = 'declare "local_one" {\n}\n\nlocal_one "a" {}\n\npipeline "b" {\n\ttarget = "x"\n}\n';
      writeFileSync(path.join(dir, "main.alloy"), text);
      client.open(main, text);
      // The instance of the sibling's custom component is not reported unknown.
      const diags = (await client.diagnostics(main, 1)).diagnostics.map((d) => d.message);
      expect(diags.filter((m) => /cannot find the definition/.test(m)), diags.join("\n")).toEqual([]);
      const here = await client.request("textDocument/definition", { textDocument: { uri: main }, position: { line: 3, character: 3 } });
      expect(here).toMatchObject({ uri: main, range: { start: { line: 0, character: 0 } } });
      const there = await client.request("textDocument/definition", { textDocument: { uri: main }, position: { line: 5, character: 3 } });
      expect(there).toMatchObject({ uri: pathToFileURL(path.join(dir, "modules.alloy")).href, range: { start: { line: 0, character: 0 } } });
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!cliBuilt)("import.file modules", () => {
  it("goes from an instance of a module's component to its declare block in the module file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-mod-"));
    const client = await LspClient.start();
    try {
      mkdirSync(path.join(dir, "modules"));
      writeFileSync(path.join(dir, "modules", "logs.alloy"), '\ndeclare "shipper" {\n\targument "to" {}\n}\n');
      const main = pathToFileURL(path.join(dir, "main.alloy")).href;
      const text = 'import.file "mods" {\n\tfilename = "modules"\n}\n\nmods.shipper "a" {\n\tto = 1\n}\n';
      client.open(main, text);
      expect((await client.diagnostics(main, 1)).diagnostics).toEqual([]);
      const def = await client.request("textDocument/definition", { textDocument: { uri: main }, position: { line: 4, character: 6 } });
      expect(def).toMatchObject({ uri: pathToFileURL(path.join(dir, "modules", "logs.alloy")).href, range: { start: { line: 1, character: 0 } } });
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!cliBuilt)("settings shared with alloy validate", () => {
  it("applies the stability level and community components from the workspace configuration", async () => {
    const client = await LspClient.start();
    try {
      const uri = "file:///settings/debug.alloy";
      client.open(uri, 'otelcol.exporter.debug "d" {}\n');
      const gated = (await client.diagnostics(uri, 1)).diagnostics.map((d) => d.message);
      expect(gated.some((m) => /below the minimum allowed stability level|only when run with --stability.level=experimental/.test(m)), gated.join("\n")).toBe(true);
      const since = performance.now();
      client.notify("workspace/didChangeConfiguration", { settings: { alloy: { stabilityLevel: "experimental" } } });
      const after = await client.diagnostics(uri, 1, since);
      expect(after.diagnostics.map((d) => d.message)).toEqual([]);
      // A value of the wrong type is ignored (and logged), the previous setting stays.
      client.notify("workspace/didChangeConfiguration", { settings: { alloy: { stabilityLevel: 3 } } });
      const symbols = await client.request("textDocument/documentSymbol", { textDocument: { uri } });
      expect(symbols).toHaveLength(1);
      expect(client.stderr).toMatch(/stabilityLevel must be one of/);
    } finally {
      await client.stop();
    }
  });
});

describe.skipIf(!cliBuilt)("the run-flags file shared with alloy validate --run-flags", () => {
  it("applies alloy.flags of the workspace root, as validate does with the same file, until a setting says otherwise", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-flags-"));
    const flags = path.join(dir, "alloy.flags");
    writeFileSync(flags, '# /etc/default/alloy\nCUSTOM_ARGS="--stability.level=experimental --server.http.listen-addr=0.0.0.0:12345"\n');
    const file = path.join(dir, "debug.alloy");
    writeFileSync(file, 'otelcol.exporter.debug "d" {}\n');
    // The command line reads the same file the same way.
    expect(runAlloy(["validate", file]).code).toBe(1);
    expect(runAlloy(["validate", `--run-flags=${flags}`, file])).toMatchObject({ code: 0 });
    const client = await LspClient.start(undefined, process.env, { rootUri: pathToFileURL(dir).href });
    try {
      const uri = pathToFileURL(file).href;
      client.open(uri, readFileSync(file, "utf8"));
      expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
      // A setting wins over the file; a section without it gives the file back.
      let since = performance.now();
      client.notify("workspace/didChangeConfiguration", { settings: { alloy: { stabilityLevel: "generally-available" } } });
      expect((await client.diagnostics(uri, 1, since)).diagnostics.map((d) => d.code)).toContain("validator/run-flags");
      since = performance.now();
      client.notify("workspace/didChangeConfiguration", { settings: { alloy: {} } });
      expect((await client.diagnostics(uri, 1, since)).diagnostics).toEqual([]);
      // The file changes on disk: the watched-files notification re-reads it.
      writeFileSync(flags, "CUSTOM_ARGS=\"\"\n");
      since = performance.now();
      client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(flags).href, type: 2 }] });
      expect((await client.diagnostics(uri, 1, since)).diagnostics.map((d) => d.code)).toContain("validator/run-flags");
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("warns once about a run-flags file Alloy would refuse, and checks with the defaults", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-flags-"));
    const flags = path.join(dir, "alloy.flags");
    writeFileSync(flags, "--stability.level=beta\n");
    const client = await LspClient.start(undefined, process.env, { rootUri: pathToFileURL(dir).href });
    const shown: string[] = [];
    client.connection.onNotification("window/showMessage", (p: { message: string }) => shown.push(p.message));
    try {
      writeFileSync(flags, "--stability.level=gamma\n");
      for (let i = 0; i < 2; i++) client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(flags).href, type: 2 }] });
      const uri = pathToFileURL(path.join(dir, "debug.alloy")).href;
      client.open(uri, 'otelcol.exporter.debug "d" {}\n');
      expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toContain("validator/run-flags");
      // The warning about the file as it was at start-up ("beta") may arrive before or after the client listens.
      expect(shown.filter((m) => m.includes("gamma"))).toEqual([`alloy: ${flags}: invalid stability level "gamma"; the file's flags are not applied`]);
      expect(new Set(shown).size).toBe(shown.length);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const corpus = sharedDir ? shared("corpus", "alloy") : undefined;
/** Folders (at any depth) holding more than one `.alloy` file. */
function multiFileFolders(d: string): string[] {
  const entries = readdirSync(d, { withFileTypes: true });
  const here = entries.filter((e) => e.isFile() && e.name.endsWith(".alloy")).length > 1 ? [d] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => multiFileFolders(path.join(d, e.name)))];
}
const multi = corpus ? multiFileFolders(corpus) : [];
if (!corpus) console.warn("workspace.test: corpus part skipped: ../shared/corpus/alloy is not available");

describe.skipIf(!cliBuilt || !multi.length)("multi-file configurations of the corpus", () => {
  it("have no reference reported missing that another file of the folder declares", async () => {
    const client = await LspClient.start();
    try {
      const missing: string[] = [];
      let genuine = 0;
      for (const d of multi) {
        // Every labelled block any file of the folder declares (a reference to anything else is a real error).
        const declared = new Set<string>();
        for (const f of readdirSync(d).filter((x) => x.endsWith(".alloy"))) {
          for (const m of readFileSync(path.join(d, f), "utf8").matchAll(/^[ \t]*([A-Za-z_][\w.]*)[ \t]+"([^"]+)"[ \t]*\{/gm)) {
            declared.add(`${m[1]}.${m[2]}`);
            // A custom component or a module namespace makes its name a component name.
            if (m[1] === "declare" || m[1]!.startsWith("import.")) declared.add(m[2]!);
          }
        }
        const isDeclared = (p: string) => p.split(".").some((_, i, parts) => declared.has(parts.slice(0, i + 1).join(".")));
        for (const f of readdirSync(d).filter((x) => x.endsWith(".alloy"))) {
          const uri = pathToFileURL(path.join(d, f)).href;
          client.open(uri, readFileSync(path.join(d, f), "utf8"));
          const diags = await client.diagnostics(uri, 1);
          for (const m of diags.diagnostics) {
            const ref = /^component "([^"]+)" does not exist|^cannot find the definition of component name "([^"]+)"/.exec(m.message)?.slice(1).find(Boolean);
            if (!ref) continue;
            if (isDeclared(ref)) missing.push(`${path.basename(d)}/${f}: ${m.message}`);
            else genuine++;
          }
          client.notify("textDocument/didClose", { textDocument: { uri } });
        }
      }
      console.log(`workspace: ${multi.length} multi-file configurations, ${missing.length} false "does not exist" or unknown component names (${genuine} names no file declares)${missing.length ? `\n  ${missing.slice(0, 10).join("\n  ")}` : ""}`);
      expect(missing).toEqual([]);
    } finally {
      await client.stop();
    }
  }, 60_000);
});
