/**
 * A real editor as the client: headless Neovim (Debian package `neovim`) starts `alloy lsp --stdio`, shows the
 * server's diagnostics, hover, completion and formatting (test/lsp/support/nvim-client.lua). Skips when nvim is
 * not installed or the CLI is not built.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, cliBundle, notBuiltMessage } from "./support/client.js";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const hasNvim = nvim.status === 0;
if (!hasNvim) console.warn("neovim.test: skipped: nvim is not installed (apt-get install neovim)");
if (!cliBuilt) console.warn(`neovim.test: ${notBuiltMessage}`);

describe.skipIf(!hasNvim || !cliBuilt)("headless Neovim client", () => {
  it("shows diagnostics, hover, completion and formatting from the server", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-nvim-"));
    try {
      const file = path.join(dir, "config.alloy");
      writeFileSync(file, 'otelcol.processor.batch "default" {\n\t\n  timeout    =  "1s"\n\toutput {}\n\tbogus = 1\n}\n');
      const out = path.join(dir, "out.json");
      const r = spawnSync("nvim", ["--headless", "-n", "-u", "NONE", "-c", `luafile ${path.join(repoRoot, "test/lsp/support/nvim-client.lua")}`], {
        env: { ...process.env, ALLOY_NVIM_FILE: file, ALLOY_NVIM_OUT: out, ALLOY_NVIM_CMD: `${process.execPath} ${cliBundle} lsp --stdio` },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const seen = JSON.parse(readFileSync(out, "utf8"));
      expect(seen.error).toBeUndefined();
      expect(seen.diagnostics).toContainEqual({ line: 4, message: 'unrecognized attribute name "bogus"' });
      expect(seen.hover).toContain("otelcol.processor.batch");
      expect(seen.completion).toContain("send_batch_size");
      expect(seen.formatted).toBe('otelcol.processor.batch "default" {\n\ttimeout = "1s"\n\n\toutput { }\n\tbogus = 1\n}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
