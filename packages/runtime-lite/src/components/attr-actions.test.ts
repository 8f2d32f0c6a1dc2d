import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileActions, FUSE_MIN } from "./attr-actions.js";
import type { KeyValue } from "../pdata/types.js";

const keys = fc.constantFrom("a", "b", "c", "d", "e");
const action = fc.oneof(
  fc.record({ key: keys, value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), action: fc.constantFrom("insert", "update", "upsert") }),
  fc.record({ key: keys, action: fc.constant("delete") }),
  fc.record({ key: keys, action: fc.constant("hash") }),
);
const attrs = fc.array(fc.record({ key: keys, value: fc.record({ stringValue: fc.string({ maxLength: 3 }) }) }), { maxLength: 8 });

const apply = (list: unknown[], input: KeyValue[], fuse: boolean) => {
  const compiled = compileActions(list, { fuse });
  if ("unsupported" in compiled) throw new Error(compiled.unsupported);
  const copy = structuredClone(input);
  for (const a of compiled) a(copy);
  return copy;
};

describe("attribute actions: fused runs", () => {
  it("give the same attributes as the actions applied one by one (duplicate keys included)", () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: FUSE_MIN, maxLength: 40 }), attrs, (list, input) => {
        expect(apply(list, input as KeyValue[], true)).toEqual(apply(list, input as KeyValue[], false));
      }),
      { numRuns: 500 },
    );
  });
});
