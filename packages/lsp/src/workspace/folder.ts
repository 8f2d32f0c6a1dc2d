/**
 * A folder is one configuration, as Alloy loads a directory: the top-level components of every `.alloy` file
 * beside a document are in scope for it. Open documents are read from the store (their unsaved text); the others
 * from disk, analysed once per modification time.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { labelRangeOf } from "@alloy-ts/grammar";
import type { Location } from "vscode-languageserver-types";
import { analyze, type Analysis, type ComponentInstance } from "./analysis.js";
import type { DocumentStore } from "./document-store.js";

/** Most sibling files read for one folder (a directory of thousands of files is not one configuration). */
const MAX_FILES = 200;
/** Largest sibling file read from disk. */
const MAX_BYTES = 2 * 1024 * 1024;
/** How long a directory listing is reused (a burst of keystrokes lists it once). */
const LISTING_MS = 1000;

export interface Sibling {
  readonly uri: string;
  readonly analysis: Analysis;
  readonly instance: ComponentInstance;
}

export class Folder {
  private readonly disk = new Map<string, { mtimeMs: number; analysis: Analysis }>();
  private readonly listings = new Map<string, { at: number; files: string[] }>();

  constructor(private readonly store: DocumentStore) {}

  /** The directory of a `file:` URI, or undefined for other schemes. */
  static dirOf(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    try {
      return path.dirname(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  }

  /** URIs of the other `.alloy` files of the document's folder, open ones included. */
  siblingUris(uri: string): string[] {
    const dir = Folder.dirOf(uri);
    if (!dir) return [];
    const out = new Set<string>();
    for (const file of this.list(dir)) out.add(pathToFileURL(path.join(dir, file)).href);
    for (const open of this.store.uris()) if (Folder.dirOf(open) === dir) out.add(open);
    out.delete(uri);
    return [...out];
  }

  /** Top-level component instances of the sibling files by identity. */
  instances(uri: string): Map<string, Sibling> {
    const out = new Map<string, Sibling>();
    for (const u of this.siblingUris(uri)) {
      const analysis = this.analysisOf(u);
      if (!analysis) continue;
      for (const instance of analysis.instances) if (!instance.scope && !out.has(instance.id)) out.set(instance.id, { uri: u, analysis, instance });
    }
    return out;
  }

  /** The sibling component a dotted path names (`otelcol.exporter.otlp.tempo.input` → that exporter). */
  resolve(uri: string, path: string, siblings = this.instances(uri)): Sibling | undefined {
    if (!siblings.size) return undefined;
    const parts = path.split(".");
    for (let i = Math.min(parts.length, 8); i >= 2; i--) {
      const hit = siblings.get(parts.slice(0, i).join("."));
      if (hit) return hit;
    }
    return undefined;
  }

  /** Where a sibling's block is declared. */
  static location(s: Sibling): Location {
    const b = s.instance.block;
    return { uri: s.uri, range: s.analysis.lines.range(b.start, labelRangeOf(b)?.end ?? b.lCurly) };
  }

  /** The analysis of a file of the folder: the open document's, or the file on disk's. */
  analysisOf(uri: string): Analysis | undefined {
    if (this.store.has(uri)) return this.store.analysis(uri);
    try {
      const file = fileURLToPath(uri);
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_BYTES) return undefined;
      const cached = this.disk.get(uri);
      if (cached && cached.mtimeMs === st.mtimeMs) return cached.analysis;
      const analysis = analyze(uri, 0, readFileSync(file, "utf8"), this.store.encoding);
      this.disk.set(uri, { mtimeMs: st.mtimeMs, analysis });
      return analysis;
    } catch {
      return undefined;
    }
  }

  private list(dir: string): string[] {
    const now = Date.now();
    const hit = this.listings.get(dir);
    if (hit && now - hit.at < LISTING_MS) return hit.files;
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".alloy")).sort().slice(0, MAX_FILES);
    } catch {
      // Not a readable directory (an unsaved buffer, a virtual path): the document stands alone.
    }
    this.listings.set(dir, { at: now, files });
    return files;
  }
}

const UNRESOLVED = /^component "([^"]+)" does not exist or is out of scope$/;
const UNKNOWN_COMPONENT = /^cannot find the definition of component name "([^"]+)"$/;

/**
 * Drops the findings that only hold for a file alone: references to components a sibling file declares, and
 * instances of custom components a sibling declares (`declare "x"`) or of a module a sibling imports
 * (`import.file "ns"` → `ns.component`).
 */
export function withoutCrossFileFalsePositives<D extends { message: string }>(folder: Folder, uri: string, diagnostics: D[]): D[] {
  if (!diagnostics.some((d) => UNRESOLVED.test(d.message) || UNKNOWN_COMPONENT.test(d.message))) return diagnostics;
  const siblings = folder.instances(uri);
  if (!siblings.size) return diagnostics;
  const namespaces = new Set([...siblings.values()].filter((s) => s.instance.name.startsWith("import.")).map((s) => s.instance.label));
  return diagnostics.filter((d) => {
    const ref = UNRESOLVED.exec(d.message);
    if (ref) return !folder.resolve(uri, ref[1]!, siblings);
    const name = UNKNOWN_COMPONENT.exec(d.message)?.[1];
    if (!name) return true;
    return !siblings.has(`declare.${name}`) && !namespaces.has(name.split(".")[0]!);
  });
}
