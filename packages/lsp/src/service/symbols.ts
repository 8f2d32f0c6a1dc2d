/** Document outline: blocks (with labels) and attributes, nested as in the source. */
import { type Block, type Expr, labelRangeOf, nameSpanOf, type Statement, traversalName } from "@alloy-ts/grammar";
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis } from "../workspace/analysis.js";
import { collectorId, otelComponentName, PIPELINE_LISTS } from "./otel-dialect.js";

/** The outline of a document. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const build = (body: readonly Statement[], depth: number): DocumentSymbol[] =>
    body.map((s) => {
      const range = lspRange(analysis.lines, s.start, s.end);
      if (s.kind === "Attribute") {
        const { start, end } = nameSpanOf(s);
        return { name: s.name, kind: SymbolKind.Property, range, selectionRange: lspRange(analysis.lines, start, end) };
      }
      const name = s.name;
      return {
        name: s.label !== undefined ? `${name} "${s.label}"` : name,
        detail: depth === 0 && s.label !== undefined ? topDetail(s, name) : undefined,
        kind: depth === 0 ? topKind(name) : SymbolKind.Struct,
        range,
        selectionRange: lspRange(analysis.lines, s.start, labelRangeOf(s)?.end ?? s.nameEnd),
        children: build(s.body, depth + 1),
      };
    });
  return build(analysis.file.body, 0);
}

/** Outline kind of a top-level block: custom components, collector pipelines and service, components. */
function topKind(name: string): SymbolKind {
  if (name === "declare") return SymbolKind.Class;
  if (name === "otel.pipeline") return SymbolKind.Event;
  if (name === "otel.service") return SymbolKind.Object;
  return SymbolKind.Module;
}

/**
 * Detail of a top-level labelled block: its name, the collector kind of `otel.*` components, and for
 * pipelines the flow in collector IDs (`otlp → batch → otlphttp/backend`).
 */
function topDetail(block: Block, name: string): string {
  const otel = otelComponentName(name);
  if (otel) return `collector ${otel.kind} ${otel.type}`;
  if (name !== "otel.pipeline") return name;
  const stages = Object.keys(PIPELINE_LISTS).map((list) => {
    const attr = block.body.find((s) => s.kind === "Attribute" && s.name === list);
    return attr?.kind === "Attribute" ? idsOf(attr.value) : [];
  });
  const flow = stages.filter((ids) => ids.length).map((ids) => ids.join(", "));
  return flow.length ? `pipeline: ${flow.join(" → ")}` : "pipeline";
}

/** Collector IDs of the references in an array expression (other elements as written). */
function idsOf(value: Expr): string[] {
  if (value.kind !== "Array") return [];
  return value.elements.map((e) => {
    const path = traversalName(e);
    return (path && collectorId(path)) ?? path ?? "?";
  });
}
