/**
 * Collector YAML → Alloy in the bridge dialect (`alloy convert --source-format=otelcol --dialect=otel`). Every
 * component, of any type, is carried with its settings as data; pipelines become `otel.pipeline` blocks
 * referencing the component blocks. See docs/dialects.md.
 */
import { builder, format, type Diagnostic, type Severity } from "@alloy-ts/grammar";
import { attr, block, expr, type AlloyValue, type BlockStatement, type Statement } from "../alloy/ir.js";
import { findComponent } from "../components/registry.js";
import { convertDiagnostic } from "../diagnostics.js";
import { decodeBody, type EngineContext } from "../engine/engine.js";
import { Expr } from "../engine/values.js";
import { resolveReferences } from "../otel/resolve-refs.js";
import { positionOf, readYaml, type Position, type RawValue } from "@alloy-ts/otel";
import { bodyFromMap, META, valueOf, type ValueProblem } from "./bridge-values.js";
import {
  componentBlockName, componentLabelFor, LabelAllocator, PIPELINE_BLOCK, pipelineLabelFor, SERVICE_BLOCK,
} from "./bridge-names.js";
import { loadCollectorConfig, type CollectorComponent, type CollectorConfig } from "./collector-model.js";
import { splitEnvReferences as splitEnvParts } from "@alloy-ts/otel";

/** Options of the bridge conversion. */
export interface BridgeConvertOptions {
  /** Name of the converted file, for messages. */
  readonly fileName?: string;
}

/** The conversion result: Alloy text (canonically formatted) or undefined, and diagnostics. */
export interface BridgeConvertResult {
  readonly output: string | undefined;
  readonly diagnostics: Diagnostic[];
}

class BridgeConversion {
  readonly diagnostics: Diagnostic[] = [];

  report(severity: Severity, message: string, position?: Position): void {
    this.diagnostics.push(convertDiagnostic(severity, message, position));
  }

  run(yamlText: string): string | undefined {
    const read = readYaml(yamlText);
    if (!read.ok) {
      this.report("critical", `failed to read the collector configuration: ${read.message}`);
      return undefined;
    }
    const refError = firstReferenceError(read.value);
    if (refError) {
      this.report("critical", `failed to resolve the collector configuration: ${refError.message}`, refError.position);
      return undefined;
    }
    const { config, problems } = loadCollectorConfig(read.value);
    for (const p of problems) this.report("critical", `invalid collector configuration: ${p.message}`, p.position);
    if (problems.length > 0) return undefined;
    for (const c of config.components) this.checkAgainstDescription(c);
    const text = builder.statementsText(bridgeBlocks(config, (path, message, position) => this.report("warning", `${path.join(".")}: ${message}`, position)));
    if (text === "") return "";
    const formatted = format(text);
    if (!formatted.ok) {
      this.report("error", `the converted configuration does not parse: ${formatted.diagnostics[0]?.message ?? "unknown error"}`);
      return text;
    }
    return formatted.text;
  }

  /** Described types are decoded as the otelcol converter would; undescribed ones are carried unchecked. */
  private checkAgainstDescription(c: CollectorComponent): void {
    const description = findComponent(c.kind, c.type);
    const name = `${componentBlockName(c.kind, c.type)}.${componentLabelFor(c.id).label}`;
    if (!description) {
      this.report("info", `Carried ${c.kind}/${c.id} into ${name} as written (no description of "${c.type}" to check its settings against)`, c.position);
      return;
    }
    const resolved = structuredClone(c.config);
    resolveReferences(resolved);
    const errors: string[] = [];
    const ctx: EngineContext = {
      compat: false,
      extensionRef: (id) => new Expr(id),
      decodeError: (path, message) => errors.push(`'${path.join(".")}' ${message}`),
    };
    try {
      decodeBody(description.rows, resolved, [], ctx);
    } catch (e) {
      errors.push(`could not be checked: ${(e as Error).message}`);
    }
    for (const e of errors) this.report("warning", `${c.kind}/${c.id}: ${e}`, c.position);
    this.report("info", `Converted ${c.kind}/${c.id} into ${name}${errors.length ? "" : " (settings checked)"}`, c.position);
  }
}

type ProblemSink = (path: readonly string[], message: string, position?: Position) => void;

/** The bridge dialect's blocks for a configuration: components, the service block, pipelines. */
export function bridgeBlocks(config: CollectorConfig, onProblem: ProblemSink = () => undefined): BlockStatement[] {
  const labels = new LabelAllocator();
  const named = config.components.map((c) => ({ c, blockName: componentBlockName(c.kind, c.type), ...componentLabelFor(c.id) }));
  for (const n of named) if (!n.explicit) labels.reserve(n.blockName, n.label);
  const refs = new Map<string, string>();
  const blocks: BlockStatement[] = [];
  for (const n of named) {
    const label = n.explicit ? labels.allocate(n.blockName, n.label) : n.label;
    refs.set(`${n.c.kind}:${n.c.id}`, `${n.blockName}.${label}`);
    const problems: ValueProblem[] = [];
    const body: Statement[] = n.explicit ? [attr(META.id, { t: "string", v: n.c.id })] : [];
    body.push(...componentBody(n.c.config, problems));
    for (const p of problems) onProblem([n.c.kind + "s", n.c.id, ...p.path], p.message, n.c.position);
    blocks.push(block(n.blockName, body, label));
  }
  const ref = (kinds: readonly string[], id: string): AlloyValue => {
    for (const k of kinds) {
      const r = refs.get(`${k}:${id}`);
      if (r) return expr(r);
    }
    return { t: "string", v: id };
  };
  if (config.extensions.length > 0 || config.service.size > 0) {
    const problems: ValueProblem[] = [];
    const body: Statement[] = [];
    if (config.extensions.length > 0) body.push(attr("extensions", { t: "array", items: config.extensions.map((id) => ref(["extension"], id)) }));
    body.push(...bodyFromMap(config.service, [], problems, true));
    for (const p of problems) onProblem(["service", ...p.path], p.message);
    blocks.push(block(SERVICE_BLOCK, body, "default"));
  }
  const pipelineLabels = new LabelAllocator();
  const namedPipelines = config.pipelines.map((p) => ({ p, ...pipelineLabelFor(p.id) }));
  for (const n of namedPipelines) if (!n.explicit) pipelineLabels.reserve(PIPELINE_BLOCK, n.label);
  for (const { p, label, explicit } of namedPipelines) {
    const body: Statement[] = explicit ? [attr(META.id, { t: "string", v: p.id })] : [];
    const list = (key: string, ids: readonly string[], kinds: readonly string[]) => {
      if (ids.length > 0) body.push(attr(key, { t: "array", items: ids.map((id) => ref(kinds, id)) }));
    };
    list("receivers", p.receivers, ["receiver", "connector"]);
    list("processors", p.processors, ["processor"]);
    list("exporters", p.exporters, ["exporter", "connector"]);
    blocks.push(block(PIPELINE_BLOCK, body, explicit ? pipelineLabels.allocate(PIPELINE_BLOCK, label) : label));
  }
  return blocks;
}

function componentBody(config: RawValue, problems: ValueProblem[]): Statement[] {
  if (config === null) return [];
  if (config instanceof Map) return bodyFromMap(config, [], problems, true);
  return [attr(META.value, valueOf(config, [], problems))];
}

/** The first `${...}` reference the bridge cannot express (an unknown scheme, a nested `$`). */
function firstReferenceError(root: RawValue): { message: string; position?: Position } | undefined {
  const visit = (v: RawValue, container: unknown, key: string | number | undefined): { message: string; position?: Position } | undefined => {
    if (typeof v === "string") {
      const parts = splitEnvParts(v);
      return "error" in parts ? { message: parts.error, position: positionOf(container, key) } : undefined;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) {
        const e = visit(x, v, k);
        if (e) return e;
      }
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) {
        const e = visit(x, v, i);
        if (e) return e;
      }
    }
    return undefined;
  };
  return visit(root, undefined, undefined);
}

/** Converts collector YAML into the bridge dialect. Never throws. */
export function convertOtelcolToBridge(yamlText: string, _options: BridgeConvertOptions = {}): BridgeConvertResult {
  const conversion = new BridgeConversion();
  try {
    return { output: conversion.run(yamlText), diagnostics: conversion.diagnostics };
  } catch (e) {
    return {
      output: undefined,
      diagnostics: [...conversion.diagnostics, convertDiagnostic("critical", `internal converter error: ${(e as Error).message}`)],
    };
  }
}
