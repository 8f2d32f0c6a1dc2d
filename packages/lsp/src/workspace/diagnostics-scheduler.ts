/**
 * Publishes diagnostics after changes, in stages: syntax (with the cheap reference check) right after a change,
 * semantic validation after a debounce. When validation has been fast for a document it runs in the first stage
 * too, so small and medium documents get one complete publish per change. A document not validated yet (just
 * opened) is judged by what validation cost per character on the documents before it; when it is split, its
 * semantic stage follows after a short delay (an open is no burst of typing to wait out).
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
  /**
   * Delay of the semantic stage of a document not validated before (just opened): no typing to wait out, but
   * editors follow an open with requests (outline, folding, tokens) that should not wait for the validator.
   */
  readonly openSemanticDelayMs: number;
}

export const defaultSchedulerOptions: SchedulerOptions = { syntaxDelayMs: 0, semanticDelayMs: 200, inlineBudgetMs: 25, openSemanticDelayMs: 50 };

export type Publisher = (uri: string, version: number, diagnostics: LspDiagnostic[]) => void;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly semanticCost = new Map<string, number>();
  /** Set on shutdown: work scheduled later (a document opened just before `shutdown`) is dropped. */
  private disposed = false;
  /**
   * Milliseconds per UTF-16 unit of the last validation of any document: the estimate for a new one. Before the
   * first, a prior of 0.5 ms per KB (the first validation in a process, not compiled yet, costs about that on a
   * 10,000-line file), so a long first document is not held up by it either.
   */
  private costPerChar = 0.5 / 1024;

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

  /** Forgets a closed document (its next open is estimated afresh). */
  forget(uri: string): void {
    this.cancel(uri);
    this.semanticCost.delete(uri);
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
    const known = this.semanticCost.get(uri);
    const cost = known ?? this.costPerChar * analysis.text.length;
    if (cost <= this.options.inlineBudgetMs) {
      this.publish(uri, analysis.version, [...syntax, ...this.measuredSemantics(uri)]);
      return;
    }
    this.publish(uri, analysis.version, [...syntax, ...toLspDiagnostics(analysis, unresolvedReferences(analysis, this.ctx))]);
    const delay = known === undefined ? this.options.openSemanticDelayMs : this.options.semanticDelayMs;
    this.timers.set(uri, setTimeout(() => this.guard(() => this.semanticStage(uri, analysis.version)), delay));
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
    const ms = performance.now() - t0;
    this.semanticCost.set(uri, ms);
    if (analysis.text.length) this.costPerChar = ms / analysis.text.length;
    return out;
  }
}
