/** Colours and words the renderers share: one row per node kind and per signal. */
import type { Mark, NodeKind, Signal } from "./model.js";

export const KIND_STYLE: Readonly<Record<NodeKind, { readonly color: string; readonly text: string }>> = {
  receiver: { color: "#2f7de1", text: "receiver" },
  processor: { color: "#8b5cf6", text: "processor" },
  exporter: { color: "#e8590c", text: "exporter" },
  connector: { color: "#0d9488", text: "connector" },
  extension: { color: "#6b7280", text: "extension" },
  source: { color: "#2f7de1", text: "source / scrape" },
  discovery: { color: "#ca8a04", text: "discovery" },
  write: { color: "#e8590c", text: "write" },
  value: { color: "#64748b", text: "value" },
  config: { color: "#94a3b8", text: "config" },
  module: { color: "#be185d", text: "module" },
  import: { color: "#be185d", text: "import" },
  argument: { color: "#be185d", text: "argument" },
  export: { color: "#be185d", text: "export" },
  custom: { color: "#be185d", text: "custom component" },
};

export const SIGNAL_COLOR: Readonly<Record<Signal | "none", string>> = {
  traces: "#2f7de1",
  metrics: "#e8590c",
  logs: "#16a34a",
  profiles: "#9333ea",
  none: "#9ca3af",
};

export const MARK_TEXT: Readonly<Record<Mark, string>> = {
  unused: "not started",
  bridge: "bridge",
  "not-carried": "not carried",
  undefined: "not defined",
};

export const SEVERITY_COLOR = { error: "#dc2626", warning: "#d97706", info: "#2563eb" } as const;

/** What the second line of a node says: its kind, and its marks. */
export function kindLine(kind: NodeKind, marks: readonly Mark[] | undefined): string {
  const words = [KIND_STYLE[kind].text, ...(marks ?? []).map((m) => MARK_TEXT[m])];
  return words.join(" · ");
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
