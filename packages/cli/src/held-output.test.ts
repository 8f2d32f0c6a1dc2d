import fc from "fast-check";
import { readdirSync } from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { HeldOutput } from "./held-output.js";

const temporaries = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(".alloy-fmt-output."));

describe("held output", () => {
  it("hands back every byte in order, from memory or from its temporary file, and leaves no file behind", () => {
    const before = temporaries().length;
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 }), fc.integer({ min: 0, max: 200 }), fc.option(fc.nat(29)), (pieces, spillAt, restartAt) => {
        const held = new HeldOutput(spillAt);
        let expected: number[] = [];
        pieces.forEach((p, i) => {
          if (restartAt === i) {
            held.restart();
            expected = [];
          }
          held.write(p);
          expected.push(...p);
        });
        const got: number[] = [];
        held.drain((b) => got.push(...b));
        expect(got).toEqual(expected);
      }),
    );
    expect(temporaries().length).toBe(before);
  });

  it("gives the output as one array while it is in memory", () => {
    const held = new HeldOutput(Infinity);
    held.write(Uint8Array.of(1, 2));
    held.write(Uint8Array.of(3));
    expect([...held.joined()]).toEqual([1, 2, 3]);
    held.dispose();
  });
});
