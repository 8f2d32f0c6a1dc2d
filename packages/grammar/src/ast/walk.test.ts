import { describe, expect, test } from "vitest";
import { parse } from "../parser/parser.js";
import { equalIgnoringRanges } from "./equal.js";
import type { Node } from "./nodes.js";
import { walk } from "./walk.js";

const label = (n: Node): string => ("name" in n && typeof n.name === "string" ? `${n.kind}:${n.name}` : "raw" in n ? `${n.kind}:${n.raw}` : n.kind);

describe("walk", () => {
  test("visits in source order with parents", () => {
    const { file } = parse('b "l" {\n  x = f(1, [y])\n}\n');
    const seen: string[] = [];
    walk(file, (node, parent) => {
      seen.push(`${label(node)}<${parent ? parent.kind : "-"}`);
    });
    expect(seen).toEqual([
      "File<-", "Block:b<File", "Attribute:x<Block", "Call<Attribute",
      "Identifier:f<Call", "Literal:1<Call", "Array<Call", "Identifier:y<Array",
    ]);
  });

  test("returning false skips the children", () => {
    const { file } = parse("a = [1, 2]\nb = 3\n");
    const seen: string[] = [];
    walk(file, (node) => {
      seen.push(node.kind);
      if (node.kind === "Array") return false;
    });
    expect(seen).toEqual(["File", "Attribute", "Array", "Attribute", "Literal"]);
  });
});

describe("equalIgnoringRanges", () => {
  test("ignores layout and comments, not content", () => {
    const a = parse("a = [1, 2] // c\nb { c = x.y }\n").file;
    const b = parse("a = [\n  1,\n  2,\n]\n\nb {\n  c = x . y\n}\n").file;
    const c = parse("a = [1, 3]\nb { c = x.y }\n").file;
    const d = parse("a = [1, 2]\nb { c = x.z }\n").file;
    expect(equalIgnoringRanges(a, b)).toBe(true);
    expect(equalIgnoringRanges(a, c)).toBe(false);
    expect(equalIgnoringRanges(a, d)).toBe(false);
  });
});
