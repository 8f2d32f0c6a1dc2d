/**
 * docs/cli is generated from the command definitions (scripts/gen-cli-docs.mjs); this fails when the committed
 * pages differ from what the script generates today, i.e. when a command changed without regenerating.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { runAlloy, cliBuilt } from "../support/cli.js";

const distBuilt = existsSync(path.join(repoRoot, "packages", "cli", "dist", "main.js"));
// The script is plain JavaScript run by node; vitest imports it as it is.
const script = path.join(repoRoot, "scripts", "gen-cli-docs.mjs");

describe.skipIf(!distBuilt)("CLI reference (docs/cli)", () => {
  it("matches what scripts/gen-cli-docs.mjs generates", async () => {
    const { staleCliDocs } = (await import(script)) as { staleCliDocs(): Promise<string[]> };
    expect(await staleCliDocs(), "run: npm run build && node scripts/gen-cli-docs.mjs").toEqual([]);
  });

  it.skipIf(!cliBuilt)("shows the same help text the shipped command prints", async () => {
    const { generateCliDocs } = (await import(script)) as { generateCliDocs(): Promise<Map<string, string>> };
    const pages = await generateCliDocs();
    for (const [name, text] of pages) {
      if (name === "README.md") continue;
      const command = name.replace(/\.md$/, "");
      const help = runAlloy([command, "--help"], { env: { COLUMNS: "100" } });
      expect(help.code).toBe(0);
      const usage = help.stdout.split("\n")[0]!;
      expect(text, `${name} lacks the usage line of alloy ${command} --help`).toContain(usage);
      for (const flag of help.stdout.matchAll(/^ {2}(-[-\w.,< >[\]]+?) {2,}/gm)) expect(text).toContain(flag[1]!.trim());
    }
  });
});
