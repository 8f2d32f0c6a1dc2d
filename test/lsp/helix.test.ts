/**
 * The Helix setup that docs/editors.md documents (editors/helix/languages.toml): valid TOML of the shape Helix
 * reads, naming the server's command line and initialization options as the server takes them (the command is
 * started and its initialize is answered with those options), with the indentation `alloy fmt` writes. With
 * `hx` installed, `hx --health alloy` must find the server; without it that part skips with a message (Helix is
 * not packaged for Debian bookworm nor published on npm).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { format } from "@alloy-ts/grammar";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, cliBundle, LspClient, notBuiltMessage } from "./support/client.js";

const FILE = path.join(repoRoot, "editors/helix/languages.toml");
const text = readFileSync(FILE, "utf8");
const hx = spawnSync("hx", ["--version"], { encoding: "utf8" });
const hasHx = hx.status === 0;
if (!hasHx) console.warn("helix.test: `hx --health alloy` skipped: hx is not installed (Helix is not packaged for Debian bookworm nor on npm); the file is checked without it");
if (!cliBuilt) console.warn(`helix.test: ${notBuiltMessage}`);

interface HelixConfig {
  "language-server": Record<string, { command: string; args?: string[] }>;
  language: { name: string; "file-types": string[]; "language-servers": string[]; indent: { "tab-width": number; unit: string }; roots?: string[] }[];
  grammar?: { name: string; source: { git: string; rev: string } }[];
}
const config = parseToml(text) as unknown as HelixConfig;
const alloy = config.language.find((l) => l.name === "alloy")!;

describe("editors/helix/languages.toml", () => {
  it("declares the alloy language with the server, for .alloy files, indented as alloy fmt writes", () => {
    expect(alloy).toBeDefined();
    expect(alloy["file-types"]).toContain("alloy");
    expect(alloy["language-servers"]).toEqual(["alloy"]);
    expect(config["language-server"].alloy).toMatchObject({ command: "alloy", args: ["lsp", "--stdio"] });
    const printed = format('a "b" {\nc {\nd = 1\n}\n}\n');
    expect(printed).toMatchObject({ ok: true });
    const indent = /\n([ \t]+)c/.exec((printed as { text: string }).text)![1];
    expect(alloy.indent.unit).toBe(indent);
    // The grammar pinned to a commit, as Helix requires for `hx --grammar fetch`.
    expect(config.grammar?.find((g) => g.name === "alloy")?.source.rev).toMatch(/^[0-9a-f]{40}$/);
  });

  it("is what docs/editors.md shows", () => {
    expect(readFileSync(path.join(repoRoot, "docs/editors.md"), "utf8")).toContain("```toml\n" + text + "```");
  });

  it.skipIf(!cliBuilt)("names a command line the server starts with, and initialization options it applies", async () => {
    const server = config["language-server"].alloy!;
    // The options are shown commented out (the workspace's alloy.flags decides without them): read that line.
    const example = /^# (config = .*)$/m.exec(text)?.[1];
    expect(example).toBeDefined();
    const options = (parseToml(example!) as { config: Record<string, unknown> }).config;
    expect(options).toEqual({ stabilityLevel: "experimental", communityComponents: true });
    const client = await LspClient.start([process.execPath, cliBundle, ...(server.args ?? [])], process.env, { initializationOptions: options });
    try {
      const uri = "file:///helix/config.alloy";
      // An experimental component loads with the options; the misspelt attribute is still reported.
      client.open(uri, 'otelcol.exporter.debug "d" {\n\tbogus = 1\n}\n');
      const d = await client.diagnostics(uri, 1);
      expect(d.diagnostics.map((x) => x.message)).toEqual(['unrecognized attribute name "bogus"']);
      expect(client.stderr).not.toMatch(/settings failed/);
    } finally {
      await client.stop();
    }
  });

  it.skipIf(!hasHx || !cliBuilt)("is found by hx --health alloy", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-helix-"));
    try {
      mkdirSync(path.join(dir, "helix"));
      writeFileSync(path.join(dir, "helix", "languages.toml"), text);
      const bin = path.join(dir, "bin");
      mkdirSync(bin);
      writeFileSync(path.join(bin, "alloy"), `#!/bin/sh\nexec "${process.execPath}" "${cliBundle}" "$@"\n`);
      chmodSync(path.join(bin, "alloy"), 0o755);
      const r = spawnSync("hx", ["--health", "alloy"], { env: { ...process.env, XDG_CONFIG_HOME: dir, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` }, encoding: "utf8", timeout: 30_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/✓ alloy/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
