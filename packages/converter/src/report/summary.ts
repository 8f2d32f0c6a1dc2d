/** Aggregated figures of a migration report: status counts, success rate, target rates and per-component coverage. */
import type { ComponentKind } from "../engine/description.js";
import type { FileReport, FileStatus } from "./analyze.js";
import { TARGETS, type Target } from "./targets.js";

/** A target, or `failed` for files no target works for. */
export type TargetOutcome = Target | "failed";

export interface ComponentCoverage {
  readonly kind: ComponentKind;
  readonly type: string;
  /** Component definitions of this kind and type across all files. */
  readonly seen: number;
  readonly converted: number;
  readonly verified: number;
  /** Definitions in files where each target works (see targets.ts); `failed`: in files no target works for. */
  readonly targets: Record<TargetOutcome, number>;
}

export interface ReportSummary {
  readonly files: number;
  readonly byStatus: Record<FileStatus, number>;
  /** Share of files that converted without manual work (clean or warnings), 0 when there are no files. */
  readonly successRate: number;
  /** Files each target works for (a file may count for several); `failed`: files no target works for. */
  readonly byTarget: Record<TargetOutcome, number>;
  /** `byTarget` as shares of all files (0 when there are no files). */
  readonly targetRates: Record<TargetOutcome, number>;
  readonly components: ComponentCoverage[];
}

export interface MigrationReport {
  readonly generatedAt: string;
  readonly root: string;
  readonly summary: ReportSummary;
  readonly files: FileReport[];
}

/** Every target outcome, in display order. */
export const TARGET_OUTCOMES: readonly TargetOutcome[] = [...TARGETS, "failed"];

const noTargets = (): Record<TargetOutcome, number> => ({ otel: 0, native: 0, hybrid: 0, failed: 0 });

/** The outcomes of one file: the targets that work, or `failed`. */
export function outcomesOf(file: FileReport): TargetOutcome[] {
  const working = TARGETS.filter((t) => file.targets?.[t] === true);
  return working.length === 0 ? ["failed"] : working;
}

/** Computes the summary of file reports (components sorted by how often they were seen). */
export function summarize(files: readonly FileReport[]): ReportSummary {
  const byStatus: Record<FileStatus, number> = { clean: 0, warnings: 0, manual: 0, failed: 0 };
  const byTarget = noTargets();
  const coverage = new Map<string, { kind: ComponentKind; type: string; seen: number; converted: number; verified: number; targets: Record<TargetOutcome, number> }>();
  for (const f of files) {
    byStatus[f.status]++;
    const outcomes = outcomesOf(f);
    for (const o of outcomes) byTarget[o]++;
    for (const c of f.components) {
      const key = `${c.kind}:${c.type}`;
      const entry = coverage.get(key) ?? { kind: c.kind, type: c.type, seen: 0, converted: 0, verified: 0, targets: noTargets() };
      entry.seen++;
      if (c.converted) entry.converted++;
      if (c.verified) entry.verified++;
      for (const o of outcomes) entry.targets[o]++;
      coverage.set(key, entry);
    }
  }
  const components = [...coverage.values()].sort((a, b) => b.seen - a.seen || (a.kind + a.type < b.kind + b.type ? -1 : 1));
  const share = (n: number) => (files.length === 0 ? 0 : n / files.length);
  const successRate = share(byStatus.clean + byStatus.warnings);
  const targetRates = Object.fromEntries(TARGET_OUTCOMES.map((o) => [o, share(byTarget[o])])) as Record<TargetOutcome, number>;
  return { files: files.length, byStatus, successRate, byTarget, targetRates, components };
}
