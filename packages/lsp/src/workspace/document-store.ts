/**
 * Open documents and their analyses. Text changes are applied eagerly (cheap); analysis is computed lazily, at
 * most once per version, when a feature or the diagnostics scheduler asks for it.
 */
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { analyze, type Analysis } from "./analysis.js";

interface Entry {
  doc: TextDocument;
  analysis: Analysis | undefined;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  /** Starts tracking a document (`didOpen`). */
  open(uri: string, languageId: string, version: number, text: string): void {
    this.entries.set(uri, { doc: TextDocument.create(uri, languageId, version, text), analysis: undefined });
  }

  /** Applies full or incremental changes (`didChange`). Unknown documents are opened from a full change. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.entries.get(uri);
    if (!entry) {
      const full = [...changes].reverse().find((c) => !("range" in c));
      if (full) this.open(uri, "alloy", version, full.text);
      return;
    }
    entry.doc = TextDocument.update(entry.doc, [...changes], version);
    entry.analysis = undefined;
  }

  /** Stops tracking a document (`didClose`). */
  close(uri: string): void {
    this.entries.delete(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** Current text of a document. */
  text(uri: string): string | undefined {
    return this.entries.get(uri)?.doc.getText();
  }

  /** Current version of a document. */
  version(uri: string): number | undefined {
    return this.entries.get(uri)?.doc.version;
  }

  /** The analysis of the current version, computed on first use. */
  analysis(uri: string): Analysis | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (!entry.analysis || entry.analysis.version !== entry.doc.version) {
      entry.analysis = analyze(uri, entry.doc.version, entry.doc.getText());
    }
    return entry.analysis;
  }
}
