/**
 * Completion for the collector dialects: `otel.` → kinds → known component types (with block snippets),
 * `otel.pipeline`/`otel.service` snippets, members of pipeline lists restricted to declared components of the
 * accepted kinds, and `.input` of `otel.*` components where hybrid wiring expects a consumer.
 */
import type { Block } from "@alloy-ts/grammar";
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type Range } from "vscode-languageserver-types";
import { typeFits } from "../schema/catalog.js";
import type { Analysis, ComponentInstance } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";
import { hasInput, OTEL_COMPONENT_KINDS, OTEL_SIGNALS, otelComponentName, otelInstances, referenceListsOf } from "./otel-dialect.js";

/** Editors re-open the suggestion list after a namespace step (`otel.receiver.`) with this command. */
const RETRIGGER = { title: "Suggest", command: "editor.action.triggerSuggest" };

/**
 * Block names of the collector dialects for a statement being typed. The names unfold one dot at a time:
 * `otel.` offers the kinds and the pipeline/service blocks, `otel.receiver.` the receiver types.
 */
export function otelBlockItems(ctx: ServiceContext, range: Range, prefix: string, snippets: boolean): CompletionItem[] {
  const stem = prefix.slice(0, prefix.lastIndexOf(".") + 1);
  if (stem === "" || stem === "otel.") return [...otelRootItems(range, snippets), ...kindItems(range)];
  const m = /^otel\.([a-z]+)\.$/.exec(stem);
  const kind = OTEL_COMPONENT_KINDS.find((k) => k === m?.[1]);
  if (!kind || !ctx.otelTypes) return [];
  return ctx.otelTypes(kind).map((t) => {
    const name = `otel.${kind}.${t.type}`;
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Module,
      detail: t.aliasOf ? `deprecated spelling of ${t.aliasOf}` : `collector ${kind}`,
      documentation: t.module ? `Collector ${kind} \`${t.type}\` from \`${t.module}\`; any body is accepted (collector settings as data).` : undefined,
      sortText: `${t.aliasOf ? "1" : "0"}${name}`,
      filterText: name,
      textEdit: { range, newText: snippets ? `${name} "\${1:default}" {\n\t$0\n}` : name },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (t.aliasOf) item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
}

/** `otel.pipeline` (one snippet per signal choice) and `otel.service`. */
function otelRootItems(range: Range, snippets: boolean): CompletionItem[] {
  const pipeline = `otel.pipeline "\${1|${OTEL_SIGNALS.join(",")}|}" {\n\treceivers  = [$2]\n\tprocessors = [$3]\n\texporters  = [$4]\n}`;
  const service = `otel.service "default" {\n\textensions = [$1]\n}`;
  const item = (label: string, detail: string, snippet: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    sortText: `0${label}`,
    filterText: label,
    textEdit: { range, newText: snippets ? snippet : label },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  });
  return [
    item("otel.pipeline", "collector pipeline (bridge dialect)", pipeline),
    item("otel.service", "collector service settings (bridge dialect)", service),
  ];
}

/** `otel.receiver`, `otel.processor`, ...: namespace steps that re-open the list on the types. */
function kindItems(range: Range): CompletionItem[] {
  return OTEL_COMPONENT_KINDS.map((kind) => ({
    label: `otel.${kind}`,
    kind: CompletionItemKind.Folder,
    detail: `collector ${kind}s`,
    sortText: `1otel.${kind}`,
    filterText: `otel.${kind}`,
    textEdit: { range, newText: `otel.${kind}.` },
    command: RETRIGGER,
  }));
}

/**
 * Members of a reference list of `otel.pipeline` or `otel.service` (the innermost block, at the top level):
 * the declared components of the kinds the list accepts, minus those the list already holds. Undefined when the
 * cursor is not in such a list.
 */
export function otelListItems(analysis: Analysis, offset: number, blocks: readonly Block[], attribute: string | undefined, range: Range): CompletionItem[] | undefined {
  if (blocks.length !== 1 || !attribute) return undefined;
  const block = blocks[0]!;
  const kinds = referenceListsOf(block)?.[attribute];
  if (!kinds) return undefined;
  const listed = listedIn(analysis, block, attribute, offset);
  return otelInstances(analysis, kinds)
    .filter((i) => !listed.has(i.id))
    .map((i) => ({
      label: i.id,
      kind: CompletionItemKind.Reference,
      detail: i.name,
      sortText: `0${i.id}`,
      textEdit: { range, newText: i.id },
    }));
}

/** Identities already referenced in the attribute's value, except the one being typed at `offset`. */
function listedIn(analysis: Analysis, block: Block, attribute: string, offset: number): Set<string> {
  const out = new Set<string>();
  for (const s of block.body) {
    if (s.kind !== "Attribute" || s.name !== attribute) continue;
    for (const ref of analysis.references) {
      if (ref.start < s.value.start || ref.end > s.value.end) continue;
      if (offset >= ref.start && offset <= ref.end) continue;
      if (ref.target) out.add(ref.target.id);
    }
  }
  return out;
}

/** Type of a consumer input in documentation notation (what `output` lists expect in the otelcol dialect). */
const CONSUMER = "otelcol.Consumer";

/**
 * Hybrid wiring: the `.input` of an `otel.<kind>.<type>` component (processors, exporters, connectors) is a
 * consumer like an `otelcol.*` component's; undefined for instances that are not `otel.*` components.
 */
export function otelInputItem(inst: ComponentInstance, expected: string | undefined, range: Range): CompletionItem | null | undefined {
  const n = otelComponentName(inst.name);
  if (!n) return undefined;
  if (!hasInput(n.kind) || !typeFits(expected, CONSUMER)) return null;
  const label = `${inst.id}.input`;
  return { label, kind: CompletionItemKind.Reference, detail: CONSUMER, sortText: `1${label}`, textEdit: { range, newText: label } };
}
