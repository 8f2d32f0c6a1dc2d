/** Hover: component, block and argument documentation (type, default, required, description), references and functions. */
import { nameSpanOf } from "@alloy-ts/grammar";
import { MarkupKind, type Hover, type Position } from "vscode-languageserver-types";
import type { ArgumentInfo, BlockInfo, ComponentInfo, ExportInfo, FunctionInfo } from "../schema/catalog.js";
import { lspRange } from "../text.js";
import type { Analysis, ComponentInstance } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";
import { attributeNameAt, blockHeaderAt, componentPath, referenceAt } from "./locate.js";
import { schemaFor } from "./completion.js";

/** Hover contents at a position, or null when there is nothing to say. */
/** A component declared in another file of the folder, for references this document cannot resolve. */
export type ExternalResolver = (path: string) => { instance: ComponentInstance; analysis: Analysis; file: string } | undefined;

export function hover(analysis: Analysis, position: Position, ctx: ServiceContext, external?: ExternalResolver): Hover | null {
  const offset = analysis.lines.offsetAt(position);
  const range = (s: number, e: number) => lspRange(analysis.lines, s, e);

  const header = blockHeaderAt(analysis, offset);
  if (header) {
    const { block, path } = header;
    const { component, path: inner } = componentPath(path);
    const name = block.name;
    const nameRange = range(block.start, block.nameEnd);
    if (component === block) {
      const info = ctx.catalog.component(name);
      const inst = analysis.instances.find((i) => i.block === block);
      return { contents: markdown(componentDoc(name, block.label, info, inst, analysis)), range: nameRange };
    }
    const schema = schemaFor(path.slice(0, -1), ctx);
    const info = schema?.blocks.find((b) => b.name === name);
    const owner = component ? component.name : "";
    return { contents: markdown(blockDoc(name, info, [owner, ...inner.slice(0, -1)].filter(Boolean).join(" > "))), range: nameRange };
  }

  const attr = attributeNameAt(analysis, offset);
  if (attr) {
    const schema = schemaFor(attr.blocks, ctx);
    const info = schema?.arguments.find((a) => a.name === attr.attr.name);
    const { start, end } = nameSpanOf(attr.attr);
    const r = range(start, end);
    return { contents: markdown(argumentDoc(attr.attr.name, info)), range: r };
  }

  const hit = referenceAt(analysis, offset);
  if (hit) {
    const { ref, part } = hit;
    const r = range(ref.start, ref.end);
    if (ref.target) {
      const info = ctx.catalog.component(ref.target.name);
      const exportName = ref.parts[ref.labelIndex + 1]?.name;
      const exp = exportName ? info?.exports.find((e) => e.name === exportName) : undefined;
      return { contents: markdown(referenceDoc(ref.target, exportName, exp, info, analysis)), range: r };
    }
    const outside = !ref.scope ? external?.(ref.parts.map((p) => p.name).join(".")) : undefined;
    if (outside) {
      const info = ctx.catalog.component(outside.instance.name);
      const exportName = ref.parts[outside.instance.id.split(".").length]?.name;
      const exp = exportName ? info?.exports.find((e) => e.name === exportName) : undefined;
      return { contents: markdown(referenceDoc(outside.instance, exportName, exp, info, outside.analysis, outside.file)), range: r };
    }
    const fnName = ref.parts.slice(0, part + 1).map((p) => p.name).join(".");
    const full = ref.parts.map((p) => p.name).join(".");
    const fn = ctx.catalog.function(full) ?? ctx.catalog.function(fnName);
    if (fn) return { contents: markdown(functionDoc(fn)), range: r };
  }
  return null;
}

const markdown = (value: string) => ({ kind: MarkupKind.Markdown, value });
const code = (s: string) => "```alloy\n" + s + "\n```";

function componentDoc(name: string, label: string | undefined, info: ComponentInfo | undefined, inst: ComponentInstance | undefined, analysis: Analysis): string {
  const parts = [code(label !== undefined ? `${name} "${label}"` : name)];
  if (info?.description) parts.push(info.description);
  if (info?.arguments.length) parts.push("**Arguments**\n\n" + argumentTable(info.arguments));
  if (info?.blocks.length) parts.push("**Blocks**: " + info.blocks.map((b) => `\`${b.name}\`${b.required ? " (required)" : ""}`).join(", "));
  if (info?.exports.length) parts.push("**Exports**\n\n" + info.exports.map((e) => `- \`${e.name}\` \`${e.type}\`${e.description ? ` — ${e.description}` : ""}`).join("\n"));
  if (!info) parts.push(`\`${name}\` is not a known component.`);
  if (inst) {
    const n = analysis.references.filter((r) => r.target === inst).length;
    parts.push(`Referenced ${n} time${n === 1 ? "" : "s"} in this file.`);
  }
  return parts.join("\n\n");
}

function blockDoc(name: string, info: BlockInfo | undefined, owner: string): string {
  const parts = [code(`${name} { … }`)];
  if (owner) parts.push(`Block of \`${owner}\`${info?.required ? " (required)" : ""}${info?.repeatable ? ", may be repeated" : ""}.`);
  if (info?.description) parts.push(info.description);
  if (info?.arguments.length) parts.push("**Arguments**\n\n" + argumentTable(info.arguments));
  return parts.join("\n\n");
}

/** Markdown for one argument: type, default, required, description. */
export function argumentDoc(name: string, info: ArgumentInfo | undefined): string {
  if (!info) return code(`${name} = …`) + "\n\nNot a known argument here.";
  const parts = [code(`${name}: ${info.type}`)];
  const facts = [`Type: \`${info.type}\``, info.required ? "Required" : "Optional"];
  if (info.default !== undefined) facts.push(`Default: \`${info.default}\``);
  if (info.enum?.length) facts.push(`Values: ${info.enum.map((v) => `\`"${v}"\``).join(", ")}`);
  parts.push(facts.join(" · "));
  if (info.description) parts.push(info.description);
  return parts.join("\n\n");
}

function argumentTable(args: readonly ArgumentInfo[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = args.map((a) => `| \`${a.name}\` | \`${cell(a.type)}\` | ${cell(a.description ?? "")} | ${a.default !== undefined ? `\`${cell(a.default)}\`` : ""} | ${a.required ? "yes" : "no"} |`);
  return ["| Name | Type | Description | Default | Required |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

function referenceDoc(target: ComponentInstance, exportName: string | undefined, exp: ExportInfo | undefined, info: ComponentInfo | undefined, analysis: Analysis, file?: string): string {
  const line = analysis.lines.lspPosition(target.block.start).line + 1;
  const parts = [code(`${target.name} "${target.label}"${exportName ? `.${exportName}` : ""}`)];
  if (exp) parts.push(`Export \`${exp.name}\`: \`${exp.type}\`${exp.description ? ` — ${exp.description}` : ""}`);
  else if (exportName && info) parts.push(`\`${target.name}\` has no export \`${exportName}\`.`);
  parts.push(file ? `Defined in \`${file}\`, line ${line}.` : `Defined on line ${line}.`);
  return parts.join("\n\n");
}

/** Markdown signature and description of a standard-library function. */
export function functionDoc(fn: FunctionInfo): string {
  const sig = fn.constant ? `${fn.name}: ${fn.returns}` : `${fn.name}(${fn.parameters.map((p) => `${p.variadic ? "..." : ""}${p.name} ${p.type}`).join(", ")}) → ${fn.returns}`;
  const parts = [code(sig)];
  if (fn.deprecated) parts.push(`**Deprecated**: ${fn.deprecated}`);
  if (fn.description) parts.push(fn.description);
  return parts.join("\n\n");
}
