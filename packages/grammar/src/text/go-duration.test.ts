import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoDuration, goDurationError, parseGoDuration } from "./go-duration.js";

describe("Go durations", () => {
  it("parses what time.ParseDuration parses, to its nanoseconds", () => {
    const cases: [string, number][] = [
      ["0", 0], ["+0", 0], ["-0", 0], ["5s", 5e9], ["1h30m", 5400e9], ["-1.5h", -5400e9], [".5s", 5e8], ["1.s", 1e9],
      ["300ms", 3e8], ["1µs", 1e3], ["1μs", 1e3], ["1us", 1e3], ["2ns", 2], ["1m0.5s", 60.5e9], ["1.000000001s", 1000000001],
    ];
    for (const [text, ns] of cases) expect(parseGoDuration(text), text).toBe(ns);
  });

  it("refuses what it refuses, with its messages", () => {
    expect(goDurationError("")).toBe('time: invalid duration ""');
    expect(goDurationError("-")).toBe('time: invalid duration "-"');
    expect(goDurationError("abc")).toBe('time: invalid duration "abc"');
    expect(goDurationError(".s")).toBe('time: invalid duration ".s"');
    expect(goDurationError("5")).toBe('time: missing unit in duration "5"');
    expect(goDurationError("5s3")).toBe('time: missing unit in duration "5s3"');
    expect(goDurationError("1d")).toBe('time: unknown unit "d" in duration "1d"');
    expect(goDurationError("1e3s")).toBe('time: unknown unit "e" in duration "1e3s"');
    expect(goDurationError("300000h")).toBeUndefined();
    expect(goDurationError("3000000h")).toBe('time: invalid duration "3000000h"');
    expect(parseGoDuration("1d")).toBeUndefined();
  });

  it("prints as Duration.String() does", () => {
    const cases: [number, string][] = [
      [0, "0s"], [1, "1ns"], [1500, "1.5µs"], [250e6, "250ms"], [1.5e9, "1.5s"], [60e9, "1m0s"], [90e9, "1m30s"],
      [3600e9, "1h0m0s"], [86400e9, "24h0m0s"], [-5e8, "-500ms"], [3723.5e9, "1h2m3.5s"],
    ];
    for (const [ns, text] of cases) expect(formatGoDuration(ns), String(ns)).toBe(text);
  });

  it("reads back what it prints", () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (ns) => parseGoDuration(formatGoDuration(ns)) === ns));
  });
});
