/**
 * Modules: import.string's content and import.file's module (read through `readImport`) are parsed, so the
 * declares they define are known — a misspelt one is an unknown component with a did-you-mean, and each use
 * is checked against the declare's arguments. Without a reader, an import.file namespace accepts anything.
 */
import { describe, expect, it } from "vitest";
import { validate, type ValidationDiagnostic } from "@alloy-ts/validator";

const MODULE = `declare "pipeline" {
  argument "forward_to" { }
  argument "level" {
    optional = true
  }
  export "out" {
    value = argument.forward_to.value
  }
}
declare "other" { }
`;
const msgs = (d: ValidationDiagnostic[]) => d.map((x) => x.message);

describe("imported modules", () => {
  const use = (body: string) => `lib.pipeline "p" {\n${body}\n}\n`;
  const viaString = (rest: string) => [{ name: "main.alloy", text: `import.string "lib" {\n  content = ${JSON.stringify(MODULE)}\n}\n${rest}` }];

  it("knows the declares of import.string content and checks their arguments", () => {
    expect(validate(viaString(use("  forward_to = []")))).toEqual([]);
    expect(msgs(validate(viaString(use("  forward_to = []\n  levl = 1"))))).toEqual(['unrecognized attribute name "levl"']);
    expect(msgs(validate(viaString(use(""))))).toEqual(['missing required attribute "forward_to"']);
    const d = validate(viaString(`lib.pipelin "q" {\n  forward_to = []\n}\n`));
    expect(msgs(d)).toEqual(['cannot find the definition of component name "lib.pipelin"']);
    expect(d[0]!.hint).toMatch(/lib\.pipeline/);
  });

  it("reads import.file modules through readImport, relative to the importing file", () => {
    const files = [{ name: "conf/main.alloy", text: `import.file "lib" {\n  filename = "modules/lib.alloy"\n}\nlib.other "o" { }\nlib.nope "n" { }\n` }];
    const seen: [string, string][] = [];
    const d = validate(files, { readImport: (f, from) => (seen.push([f, from]), [{ name: "conf/modules/lib.alloy", text: MODULE }]) });
    expect(seen).toEqual([["modules/lib.alloy", "conf/main.alloy"]]);
    expect(msgs(d)).toEqual(['cannot find the definition of component name "lib.nope"']);
    expect(validate(files)).toEqual([]);
  });
});
