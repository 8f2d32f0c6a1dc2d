// Small timing harness: median of repeated runs after warm-up, and ratio formatting.
import { performance } from "node:perf_hooks";

/** Median wall time in milliseconds of `fn` over `runs` runs (after `warmup` runs). */
export function time(fn, { runs = 7, warmup = 2, warmupMs = 300 } = {}) {
  // Steady state: warm up for a minimum count and a minimum time, so small inputs are measured after the JIT has
  // optimised the code (cold start is measured separately, as a whole process).
  const until = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < until; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/** Percentile of a list of samples (0..100). */
export function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const mb = (bytes) => bytes / 1e6;
export const fmtMs = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const fmtRatio = (r) => `${r.toFixed(2)}×`;
export const check = (ok) => (ok ? "ok" : "MISSED");

/** Prints a table of rows (arrays of strings) with a header. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}
