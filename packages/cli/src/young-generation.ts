/**
 * Keeping V8's young generation at its first size for the rest of a run. V8 doubles the young generation (up to
 * 16 MB a semi-space) each time the bytes that survived its collections since the last growth add up to its size,
 * so any long run ends with it at the largest size, though a streaming formatter's survivors at any moment are a
 * few statements. Measured on `alloy fmt` of a generated 10 MB file: peak resident memory 80.5 MB, 75.6 MB with
 * the young generation held, the same wall time. `node:v8` is loaded (lazily, see scripts/bundle.mjs) only for
 * inputs that large, and after the bundle: a flag changed before would make V8 refuse the bundle's code cache.
 */
// The default import: the bundle's lazy stand-in has no named exports until it is loaded.
import v8 from "node:v8";

/** Inputs from this size on hold the young generation (on a 1 MB file it made no difference to the peak). */
export const HOLD_YOUNG_GENERATION_BYTES = 1 << 20;

export function holdYoungGeneration(): void {
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
