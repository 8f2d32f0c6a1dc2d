/**
 * Marker fixtures under fixtures/lsp/{completion,hover}: each file holds one `<|>` cursor and its expectations
 * in leading comments (`// expect:` / `// reject:` labels for completion, `// contains:` for hover). The files
 * are discovered, not listed; each runs against the server over stdio.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, LspClient, markers, notBuiltMessage } from "./support/client.js";

const dir = (kind: string) => path.join(repoRoot, "fixtures/lsp", kind);
const cases = (kind: string) => readdirSync(dir(kind)).filter((f) => f.endsWith(".alloy")).sort();
const directive = (text: string, name: string): string[] => {
  const m = new RegExp(`^// ${name}: (.*)$`, "m").exec(text);
  return m ? m[1]!.split(/,\s*/).filter(Boolean) : [];
};

if (!cliBuilt) console.warn(`fixtures.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt)("marker fixtures over stdio", () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(async () => {
    await client?.stop();
  });

  describe("completion", () => {
    for (const file of cases("completion")) {
      it(file, async () => {
        const source = readFileSync(path.join(dir("completion"), file), "utf8");
        const { text, positions } = markers(source);
        const uri = pathToFileURL(path.join(dir("completion"), file)).href;
        client.open(uri, text);
        const result = await client.request("textDocument/completion", { textDocument: { uri }, position: positions[0] });
        const labels: string[] = (Array.isArray(result) ? result : (result?.items ?? [])).map((i: { label: string }) => i.label);
        for (const want of directive(text, "expect")) expect(labels, `${want} offered`).toContain(want);
        for (const bad of directive(text, "reject")) expect(labels, `${bad} not offered`).not.toContain(bad);
      });
    }
  });

  describe("hover", () => {
    for (const file of cases("hover")) {
      it(file, async () => {
        const source = readFileSync(path.join(dir("hover"), file), "utf8");
        const { text, positions } = markers(source);
        const uri = pathToFileURL(path.join(dir("hover"), file)).href;
        client.open(uri, text);
        const result = await client.request<{ contents: { value: string } } | null>("textDocument/hover", { textDocument: { uri }, position: positions[0] });
        expect(result).not.toBeNull();
        for (const want of directive(text, "contains")) expect(result!.contents.value).toContain(want);
      });
    }
  });
});
