import { readdirSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { format } from "@alloy-ts/grammar";
import plugin from "./index.js";
import { shared, sharedDir } from "../../../test/support/shared.js";

const prettierFormat = (text: string): Promise<string> => prettier.format(text, { parser: "alloy", plugins: [plugin] });

const samples = [
  "a=1\nbbb = 2 // c\n",
  'prometheus.remote_write "default" {\n  endpoint { url = "http://x" }\n}\n',
  "x = { a = 1,\n  bb = [1,\n2,\n] }\n/* end */\n",
];

describe("prettier-plugin-alloy", () => {
  it.each(samples)("formats %j exactly like format()", async (text) => {
    const expected = format(text);
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(await prettierFormat(text)).toBe(expected.text);
  });

  it("keeps what the file means, as alloy fmt does by default (not upstream's quirks)", async () => {
    expect(await prettierFormat('a = "x\ty"\nbb = {"q\\"k" = 1}\n')).toBe('a  = "x\ty"\nbb = {"q\\"k" = 1}\n');
  });

  // Two cases never reach the plugin: Prettier core answers "" for whitespace-only input (alloy fmt prints "\n")
  // and puts a leading byte order mark back (alloy fmt drops it, spec F2).
  it("leaves whitespace-only input and the byte order mark to Prettier core", async () => {
    expect(await prettierFormat("\n\n")).toBe("");
    expect(await prettierFormat("\uFEFFa=1\n")).toBe("\uFEFFa = 1\n");
  });

  it("is found by file extension", async () => {
    const info = await prettier.getFileInfo("config.alloy", { plugins: [plugin] });
    expect(info.inferredParser).toBe("alloy");
  });

  it("reports syntax errors with line:col and the upstream message", async () => {
    await expect(prettierFormat("a = 1\nb = \n")).rejects.toThrow(/^3:1: expected expression, got EOF/);
  });

  describe.skipIf(!sharedDir)("upstream printer testdata", () => {
    const dir = sharedDir ? shared("conformance", "syntax", "printer") : "";
    const inputs = sharedDir ? readdirSync(dir).filter((f) => f.endsWith(".in")) : [];
    it.each(inputs)("%s", async (name) => {
      const text = readFileSync(`${dir}/${name}`, "utf8");
      const expected = format(text);
      if (expected.ok) expect(await prettierFormat(text)).toBe(expected.text);
      else await expect(prettierFormat(text)).rejects.toThrow(/^\d+:\d+: /);
    });
  });
});
