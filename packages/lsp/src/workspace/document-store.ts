/**
 * Open documents and their analyses. Text changes are applied eagerly (cheap) with the positions the client and
 * server agreed on (UTF-16 or UTF-8, line ends `\n`, `\r\n` or `\r`); analysis is computed lazily, at most once
 * per version, when a feature or the diagnostics scheduler asks for it.
 */
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { LineIndex, type PositionEncoding } from "../line-index.js";
import { analyze, type Analysis } from "./analysis.js";

interface Entry {
  text: string;
  version: number;
  languageId: string;
  analysis: Analysis | undefined;
  /** Line index of `text` in the store's encoding, kept from one change to the next analysis and back. */
  lines: LineIndex | undefined;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  /** Position encoding negotiated at initialize; UTF-16 unless the client offered UTF-8. */
  encoding: PositionEncoding = "utf-16";

  /** Starts tracking a document (`didOpen`). */
  open(uri: string, languageId: string, version: number, text: string): void {
    this.entries.set(uri, { text: String(text ?? ""), version, languageId, analysis: undefined, lines: undefined });
  }

  /** Applies full or incremental changes (`didChange`). Unknown documents are opened from a full change. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.entries.get(uri);
    if (!entry) {
      const full = [...changes].reverse().find((c) => !("range" in c) || !c.range);
      if (full) this.open(uri, "alloy", version, full.text);
      return;
    }
    let text = entry.text;
    let lines = entry.lines?.text === text && entry.lines.encoding === this.encoding ? entry.lines : undefined;
    for (const c of changes) {
      if (typeof c?.text !== "string") continue;
      if (!("range" in c) || !c.range) {
        text = c.text;
        continue;
      }
      // Each change is relative to the text after the previous one (LSP "TextDocumentContentChangeEvent").
      lines ??= new LineIndex(text, this.encoding);
      const a = lines.offsetAt(c.range.start);
      const b = Math.max(a, lines.offsetAt(c.range.end));
      text = text.slice(0, a) + c.text + text.slice(b);
      lines = undefined;
    }
    entry.text = text;
    entry.version = version;
    entry.analysis = undefined;
    entry.lines = undefined;
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
    return this.entries.get(uri)?.text;
  }

  /** Current version of a document. */
  version(uri: string): number | undefined {
    return this.entries.get(uri)?.version;
  }

  /** The analysis of the current version, computed on first use. */
  analysis(uri: string): Analysis | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (!entry.analysis || entry.analysis.version !== entry.version || entry.analysis.lines.encoding !== this.encoding) {
      if (entry.lines?.text !== entry.text || entry.lines.encoding !== this.encoding) entry.lines = new LineIndex(entry.text, this.encoding);
      entry.analysis = analyze(uri, entry.version, entry.text, this.encoding, true, entry.lines);
    }
    return entry.analysis;
  }
}
