/** Aggregated figures of a migration report: status counts, success rate and per-component coverage. */
import type { ComponentKind } from "../engine/description.js";
import type { FileReport, FileStatus } from "./analyze.js";

export interface ComponentCoverage {
  readonly kind: ComponentKind;
  readonly type: string;
  /** Component definitions of this kind and type across all files. */
  readonly seen: number;
  readonly converted: number;
  readonly verified: number;
}

export interface ReportSummary {
  readonly files: number;
  readonly byStatus: Record<FileStatus, number>;
  /** Share of files that converted without manual work (clean or warnings), 0 when there are no files. */
  readonly successRate: number;
  readonly components: ComponentCoverage[];
}

export interface MigrationReport {
  readonly generatedAt: string;
  readonly root: string;
  readonly summary: ReportSummary;
  readonly files: FileReport[];
}

/** Computes the summary of file reports (components sorted by how often they were seen). */
export function summarize(files: readonly FileReport[]): ReportSummary {
  const byStatus: Record<FileStatus, number> = { clean: 0, warnings: 0, manual: 0, failed: 0 };
  const coverage = new Map<string, { kind: ComponentKind; type: string; seen: number; converted: number; verified: number }>();
  for (const f of files) {
    byStatus[f.status]++;
    for (const c of f.components) {
      const key = `${c.kind}:${c.type}`;
      const entry = coverage.get(key) ?? { kind: c.kind, type: c.type, seen: 0, converted: 0, verified: 0 };
      entry.seen++;
      if (c.converted) entry.converted++;
      if (c.verified) entry.verified++;
      coverage.set(key, entry);
    }
  }
  const components = [...coverage.values()].sort((a, b) => b.seen - a.seen || (a.kind + a.type < b.kind + b.type ? -1 : 1));
  const successRate = files.length === 0 ? 0 : (byStatus.clean + byStatus.warnings) / files.length;
  return { files: files.length, byStatus, successRate, components };
}
