import fc from "fast-check";

/** A random text edit: insert one of `inserts` somewhere, delete a short span, or repeat a line. */
export function textEdit(inserts: readonly string[]): fc.Arbitrary<(t: string) => string> {
  const at = fc.nat();
  return fc.oneof(
    fc.tuple(at, fc.constantFrom(...inserts)).map(([i, s]) => (t: string) => t.slice(0, i % (t.length + 1)) + s + t.slice(i % (t.length + 1))),
    fc.tuple(at, fc.integer({ min: 1, max: 4 })).map(([i, n]) => (t: string) => t.slice(0, i % (t.length + 1)) + t.slice((i % (t.length + 1)) + n)),
    at.map((i) => (t: string) => {
      const lines = t.split("\n");
      const k = i % lines.length;
      return [...lines.slice(0, k + 1), lines[k]!, ...lines.slice(k + 1)].join("\n");
    }),
  );
}
