/**
 * The language server's JIT warm-up (packages/lsp/src/workspace/warm-up.ts): its slices are the real features on
 * a built-in document and run cleanly; they run one at a time, only once the client has been quiet, once per
 * process, and stop at the first failure.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultServiceContext } from "@alloy-ts/lsp";
import { WarmUp, warmUpSlices, warmUpText } from "../../packages/lsp/src/workspace/warm-up.js";
import { analyze } from "../../packages/lsp/src/workspace/analysis.js";

describe("warm-up slices", () => {
  it("exercise the features on a document that parses, and none of them throws", () => {
    expect(analyze("file:///w.alloy", 1, warmUpText(3)).syntax).toEqual([]);
    const slices = warmUpSlices(defaultServiceContext());
    expect(slices.length).toBeGreaterThan(10);
    for (const slice of slices) slice();
  });
});

describe("WarmUp scheduling", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance"] }));
  afterEach(() => vi.useRealTimers());

  const counting = (n: number, fail = -1) => {
    const ran: number[] = [];
    const work = () =>
      Array.from({ length: n }, (_, i) => () => {
        if (i === fail) throw new Error("slice failed");
        ran.push(i);
      });
    return { ran, work };
  };

  it("waits while the client keeps sending, then runs the slices one per timer tick", () => {
    const { ran, work } = counting(3);
    const w = new WarmUp(defaultServiceContext(), 100, work);
    w.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50);
      w.postpone();
    }
    expect(ran).toEqual([]);
    // Quiet for 100 ms (and two setImmediate hops, 1 ms each under fake timers): one slice.
    vi.advanceTimersByTime(102);
    expect(ran).toEqual([0]);
    vi.advanceTimersByTime(20);
    expect(ran).toEqual([0, 1, 2]);
  });

  it("runs once per process, stops at the first failure, and stops when disposed", () => {
    const a = counting(4, 1);
    const w = new WarmUp(defaultServiceContext(), 10, a.work);
    w.start();
    w.start();
    vi.advanceTimersByTime(1000);
    expect(a.ran).toEqual([0]);
    const b = counting(4);
    const v = new WarmUp(defaultServiceContext(), 10, b.work);
    v.start();
    vi.advanceTimersByTime(12);
    v.dispose();
    vi.advanceTimersByTime(1000);
    expect(b.ran).toEqual([0]);
  });
});
