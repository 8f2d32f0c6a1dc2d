/** The two ways to start the server: `alloy lsp --stdio` (CLI bundle) and the `alloy-lsp` bin of @alloy-ts/lsp. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, cliBundle, LspClient, notBuiltMessage } from "./support/client.js";

const lspBin = path.join(repoRoot, "packages/lsp/bin/alloy-lsp.mjs");
const lspBuilt = existsSync(path.join(repoRoot, "packages/lsp/dist/index.js"));
if (!cliBuilt || !lspBuilt) console.warn(`bin.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt || !lspBuilt)("server entry points", () => {
  it("alloy-lsp answers initialize and publishes syntax diagnostics", async () => {
    const client = await LspClient.start([process.execPath, lspBin, "--stdio"]);
    try {
      const uri = "file:///bin/a.alloy";
      client.open(uri, "a = \n");
      const d = await client.diagnostics(uri, 1);
      expect(d.diagnostics[0]!.message).toBe("expected expression, got EOF");
    } finally {
      await client.stop();
    }
  });

  it("alloy lsp without --stdio fails with a message", () => {
    const r = spawnSync(process.execPath, [cliBundle, "lsp"], { encoding: "utf8", input: "" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--stdio");
  });
});
