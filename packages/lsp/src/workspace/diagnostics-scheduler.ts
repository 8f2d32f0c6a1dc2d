/**
 * Publishes diagnostics after changes, in stages: syntax (with the cheap reference check) right after a change,
 * semantic validation after a debounce. When validation has been fast for a document it runs in the first stage
 * too, so small and medium documents get one complete publish per change.
 */
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver-types";
import { semanticDiagnostics, syntaxDiagnostics, toLspDiagnostics, unresolvedReferences } from "../service/diagnostics.js";
import type { ServiceContext } from "../service/context.js";
import type { DocumentStore } from "./document-store.js";

export interface SchedulerOptions {
  /** Delay before the syntax stage; coalesces bursts of changes. */
  readonly syntaxDelayMs: number;
  /** Debounce of the semantic stage when it runs separately. */
  readonly semanticDelayMs: number;
  /** Semantic checks that took at most this long last time run inline with the syntax stage. */
  readonly inlineBudgetMs: number;
}

export const defaultSchedulerOptions: SchedulerOptions = { syntaxDelayMs: 0, semanticDelayMs: 200, inlineBudgetMs: 25 };

export type Publisher = (uri: string, version: number, diagnostics: LspDiagnostic[]) => void;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly semanticCost = new Map<string, number>();
  /** Set on shutdown: work scheduled later (a document opened just before `shutdown`) is dropped. */
  private disposed = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly ctx: ServiceContext,
    private readonly publish: Publisher,
    private readonly options: SchedulerOptions = defaultSchedulerOptions,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Schedules diagnostics for the current version of a document. */
  schedule(uri: string): void {
    this.cancel(uri);
    if (this.disposed) return;
    this.timers.set(uri, setTimeout(() => this.guard(() => this.syntaxStage(uri)), this.options.syntaxDelayMs));
  }

  /** Drops pending work for a document (on close). */
  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Drops all pending work (on shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private guard(fn: () => void): void {
    if (this.disposed) return;
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }

  private syntaxStage(uri: string): void {
    this.timers.delete(uri);
    const analysis = this.store.analysis(uri);
    if (!analysis) return;
    const syntax = syntaxDiagnostics(analysis);
    const cost = this.semanticCost.get(uri) ?? 0;
    if (cost <= this.options.inlineBudgetMs) {
      this.publish(uri, analysis.version, [...syntax, ...this.measuredSemantics(uri)]);
      return;
    }
    this.publish(uri, analysis.version, [...syntax, ...toLspDiagnostics(analysis, unresolvedReferences(analysis, this.ctx))]);
    this.timers.set(uri, setTimeout(() => this.guard(() => this.semanticStage(uri, analysis.version)), this.options.semanticDelayMs));
  }

  private semanticStage(uri: string, version: number): void {
    this.timers.delete(uri);
    const analysis = this.store.analysis(uri);
    if (!analysis || analysis.version !== version) return;
    this.publish(uri, version, [...syntaxDiagnostics(analysis), ...this.measuredSemantics(uri)]);
  }

  private measuredSemantics(uri: string): LspDiagnostic[] {
    const analysis = this.store.analysis(uri)!;
    const t0 = performance.now();
    const out = semanticDiagnostics(analysis, this.ctx);
    this.semanticCost.set(uri, performance.now() - t0);
    return out;
  }
}
