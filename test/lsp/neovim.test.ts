/**
 * A real editor as the client: headless Neovim runs the setup file that docs/editors.md documents
 * (editors/neovim/alloy.lua), with the default command `alloy lsp --stdio` found on PATH, opens a `.alloy` file in
 * a repository, and shows the server's diagnostics, hover, completion and formatting
 * (test/lsp/support/nvim-client.lua). The setup file has one branch per Neovim generation (0.11+, 0.8–0.10, 0.7);
 * the installed Neovim runs its own branch and parses the others. Skips when nvim is not installed or the CLI is
 * not built.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, cliBundle, notBuiltMessage } from "./support/client.js";

const SETUP = path.join(repoRoot, "editors/neovim/alloy.lua");
const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const hasNvim = nvim.status === 0;
const version = /NVIM v(\d+)\.(\d+)/.exec(nvim.stdout ?? "");
const minor = version ? Number(version[2]) : -1;
/** The branch of the setup file the installed version takes. */
const branch = minor >= 11 ? "vim.lsp.config" : minor >= 8 ? "vim.lsp.start" : "vim.lsp.start_client";
if (!hasNvim) console.warn("neovim.test: skipped: nvim is not installed (apt-get install neovim)");
else {
  const others = ["0.7 (vim.lsp.start_client)", "0.8-0.10 (vim.lsp.start)", "0.11+ (vim.lsp.config)"].filter((b) => !b.includes(`(${branch})`));
  console.warn(`neovim.test: Neovim 0.${minor} runs the ${branch} branch of editors/neovim/alloy.lua; the branches for ${others.join(" and ")} are parsed but not run (those versions are not installed)`);
}
if (!cliBuilt) console.warn(`neovim.test: ${notBuiltMessage}`);

describe.skipIf(!hasNvim || !cliBuilt)("headless Neovim with the documented setup file", () => {
  it("starts the server for a .alloy file and shows its diagnostics, hover, completion and formatting", () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "alloy-nvim-")));
    try {
      // A repository with the configuration one folder down: the root is where `.git` is.
      mkdirSync(path.join(dir, ".git"));
      mkdirSync(path.join(dir, "conf"));
      const file = path.join(dir, "conf", "config.alloy");
      writeFileSync(file, 'otelcol.processor.batch "default" {\n\t\n  timeout    =  "1s"\n\toutput {}\n\tbogus = 1\n}\n');
      // `alloy` on PATH, as the setup file's default command expects.
      const bin = path.join(dir, "bin");
      mkdirSync(bin);
      writeFileSync(path.join(bin, "alloy"), `#!/bin/sh\nexec "${process.execPath}" "${cliBundle}" "$@"\n`);
      chmodSync(path.join(bin, "alloy"), 0o755);
      const out = path.join(dir, "out.json");
      const r = spawnSync("nvim", ["--clean", "--headless", "-n", "-c", `luafile ${SETUP}`, "-c", `luafile ${path.join(repoRoot, "test/lsp/support/nvim-client.lua")}`], {
        cwd: dir,
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`, ALLOY_NVIM_FILE: file, ALLOY_NVIM_OUT: out },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const seen = JSON.parse(readFileSync(out, "utf8"));
      expect(seen.error).toBeUndefined();
      expect(seen.setup).toBe(branch);
      expect(seen.filetype).toBe("alloy");
      expect(seen.root_dir).toBe(dir);
      expect(seen.diagnostics).toContainEqual({ line: 4, message: 'unrecognized attribute name "bogus"' });
      expect(seen.hover).toContain("otelcol.processor.batch");
      expect(seen.completion).toContain("send_batch_size");
      expect(seen.formatted).toBe('otelcol.processor.batch "default" {\n\ttimeout = "1s"\n\n\toutput { }\n\tbogus = 1\n}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
