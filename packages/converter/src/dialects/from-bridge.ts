/**
 * Alloy in the bridge dialect → collector configuration (`alloy convert --source-format=alloy --target=otelcol`).
 * The inverse of to-bridge.ts: blocks become maps, attributes values, `sys.env` expressions `${env:...}`
 * references, `otel.pipeline` and `otel.service` blocks the `service` section. See docs/dialects.md.
 */
import { fieldKey, parse, traversalName, type Block, type Expr, type SourceFile, type Statement, type Diagnostic, type Severity } from "@alloy-ts/grammar";
import { convertDiagnostic } from "../diagnostics.js";
import type { ComponentKind } from "../engine/description.js";
import { COMPONENT_TYPE } from "@alloy-ts/otel";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { BRIDGE_KINDS, idFromComponentLabel, idFromPipelineLabel, PIPELINE_BLOCK, SERVICE_BLOCK } from "./bridge-names.js";
import { META } from "./bridge-values.js";
import { printCollectorYaml, type CollectorComponent, type CollectorConfig, type CollectorPipeline } from "./collector-model.js";
import { envRef, joinReferences as joinEnvParts, type Part as StringPart } from "@alloy-ts/otel";
import { decodeNumberLiteral, decodeStringLiteral } from "./literals.js";
import { invertOtelcolBlocks } from "./from-otelcol.js";

/** Result of reading Alloy into a collector configuration. */
export interface CollectorFromAlloyResult {
  /** Undefined when a Critical diagnostic was reported. */
  readonly config: CollectorConfig | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Result of `convertAlloyToOtelcol`: collector YAML text, or undefined. */
export interface AlloyToOtelcolResult {
  readonly output: string | undefined;
  readonly diagnostics: Diagnostic[];
}

const LIST_KINDS: Record<string, readonly ComponentKind[]> = {
  receivers: ["receiver", "connector"],
  processors: ["processor"],
  exporters: ["exporter", "connector"],
};

class ValueError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

// A label is an identifier (the parser reports any other), so its text needs no decoding.
const labelOf = (b: Block) => b.label;

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly identities = new Map<string, { kind: ComponentKind; id: string }>();

  constructor(private readonly source: SourceFile) {}

  report(severity: Severity, message: string, offset?: number): void {
    this.diagnostics.push(convertDiagnostic(severity, message, offset === undefined ? undefined : this.source.position(offset)));
  }

  read(body: readonly Statement[]): CollectorConfig {
    const config: CollectorConfig = { components: [], extensions: [], pipelines: [], service: new Map() };
    const blocks: Block[] = [];
    for (const s of body) {
      if (s.kind === "Attribute") this.report("error", `top-level attribute "${s.name}" has no collector equivalent; it was left out`, s.start);
      else blocks.push(s);
    }
    const components: { block: Block; component: Omit<CollectorComponent, "config"> }[] = [];
    let service: Block | undefined;
    const pipelines: Block[] = [];
    const otelcolBlocks: Block[] = [];
    for (const b of blocks) {
      const name = b.name;
      const parts = name.split(".");
      if (name === PIPELINE_BLOCK) pipelines.push(b);
      else if (name === SERVICE_BLOCK) {
        if (service) this.report("critical", `only one ${SERVICE_BLOCK} block is allowed`, b.start);
        service = b;
      } else if (parts[0] === "otel" && parts.length === 3 && (BRIDGE_KINDS as readonly string[]).includes(parts[1]!)) {
        const component = this.componentIdentity(b, parts[1] as ComponentKind, parts[2]!);
        if (component) components.push({ block: b, component });
      } else if (parts[0] === "otelcol") {
        otelcolBlocks.push(b);
      } else if (name === "logging") {
        this.report("warning", "the logging block is Alloy's own logging; it was not carried into service.telemetry", b.start);
      } else {
        this.report("error", `${name} has no collector equivalent; it was left out`, b.start);
      }
    }
    for (const { block, component } of components) {
      config.components.push({ ...component, config: this.componentConfig(block) });
    }
    if (otelcolBlocks.length > 0) {
      const inverted = invertOtelcolBlocks(otelcolBlocks, (d) => this.diagnostics.push(d), (offset) => this.source.position(offset));
      config.components.push(...inverted.components);
      config.extensions.push(...inverted.extensions);
      config.pipelines.push(...inverted.pipelines);
    }
    if (service) this.readService(service, config);
    for (const p of pipelines) {
      const pipeline = this.readPipeline(p);
      if (pipeline) config.pipelines.push(pipeline);
    }
    const seen = new Set<string>();
    for (const p of config.pipelines) {
      if (seen.has(p.id)) this.report("critical", `pipeline "${p.id}" is defined more than once`);
      seen.add(p.id);
    }
    return config;
  }

  private componentIdentity(b: Block, kind: ComponentKind, type: string): Omit<CollectorComponent, "config"> | undefined {
    const label = labelOf(b);
    if (label === undefined) {
      this.report("critical", `${b.name} needs a label`, b.start);
      return undefined;
    }
    if (!COMPONENT_TYPE.test(type)) {
      this.report("critical", `"${type}" is not a valid collector component type`, b.start);
      return undefined;
    }
    const explicit = this.metaString(b.body, META.id);
    const id = explicit ?? idFromComponentLabel(type, label);
    if (explicit !== undefined && explicit.split("/", 1)[0] !== type) {
      this.report("critical", `${META.id} "${explicit}" does not match the block's type "${type}"`, b.start);
      return undefined;
    }
    const identity = `${b.name}.${label}`;
    if ([...this.identities.values()].some((c) => c.kind === kind && c.id === id) || this.identities.has(identity)) {
      this.report("critical", `${kind} "${id}" is defined more than once`, b.start);
      return undefined;
    }
    this.identities.set(identity, { kind, id });
    const slash = id.indexOf("/");
    return { kind, id, type, name: slash === -1 ? "" : id.slice(slash + 1), position: this.source.position(b.start) };
  }

  private metaString(body: readonly Statement[], name: string): string | undefined {
    const a = body.find((s) => s.kind === "Attribute" && s.name === name);
    if (!a || a.kind !== "Attribute") return undefined;
    const v = this.value(a.value);
    return typeof v === "string" ? v : undefined;
  }

  private componentConfig(b: Block): RawValue {
    const valueAttr = b.body.find((s) => s.kind === "Attribute" && s.name === META.value);
    if (valueAttr?.kind === "Attribute") {
      if (b.body.some((s) => s !== valueAttr && !(s.kind === "Attribute" && s.name === META.id))) {
        this.report("error", `${META.value} excludes every other setting; the others were left out`, b.start);
      }
      return this.value(valueAttr.value);
    }
    const settings = b.body.filter((s) => !(s.kind === "Attribute" && s.name === META.id));
    return settings.length === 0 ? null : this.body(settings, true);
  }

  /** A block body as a map; `__extra` (top level only) contributes its keys. Repeated blocks become a list. */
  body(stmts: readonly Statement[], topLevel: boolean): RawMap {
    const out: RawMap = new Map();
    const repeated = new Set<string>();
    for (const s of stmts) {
      if (s.kind === "Attribute") {
        const v = this.value(s.value);
        if (topLevel && s.name === META.extra) {
          if (v instanceof Map) for (const [k, x] of v) this.set(out, k, x, s.start);
          else this.report("error", `${META.extra} must be an object; it was left out`, s.start);
          continue;
        }
        this.set(out, s.name, v, s.start);
        continue;
      }
      const name = s.name;
      if (s.label !== undefined) this.report("warning", `the label of nested block "${name}" has no collector equivalent; it was dropped`, s.start);
      const map = this.body(s.body, false);
      const existing = out.get(name);
      if (existing === undefined) out.set(name, map);
      else if (repeated.has(name) && Array.isArray(existing)) existing.push(map);
      else if (existing instanceof Map) {
        out.set(name, [existing, map]);
        repeated.add(name);
      } else this.report("error", `"${name}" is set twice; the block was left out`, s.start);
    }
    return out;
  }

  private set(out: RawMap, key: string, value: RawValue, offset: number): void {
    if (out.has(key)) this.report("error", `"${key}" is set twice; the later value was kept`, offset);
    out.set(key, value);
  }

  /** Evaluates a data expression; unsupported expressions are reported and read as null. */
  value(e: Expr): RawValue {
    try {
      return this.evaluate(e);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      this.report("error", `${err.message}; null was written instead`, err.offset);
      return null;
    }
  }

  private evaluate(e: Expr): RawValue {
    switch (e.kind) {
      case "Paren": return this.evaluate(e.inner);
      case "Literal":
        if (e.literal === "null") return null;
        if (e.literal === "bool") return e.raw === "true";
        if (e.literal === "string") return joinEnvParts([{ t: "text", text: decodeStringLiteral(e.raw) }]);
        return decodeNumberLiteral(e.raw);
      case "Unary": {
        const v = this.evaluate(e.operand);
        if (e.op === "-" && typeof v === "number") return -v;
        if (e.op === "!" && typeof v === "boolean") return !v;
        throw new ValueError(`the operator ${e.op} cannot be applied here`, e.start);
      }
      case "Array": return e.elements.map((x) => this.evaluate(x));
      case "Object": {
        const out: RawMap = new Map();
        for (const f of e.fields) out.set(fieldKey(f, this.source.text), this.evaluate(f.value));
        return out;
      }
      case "Call":
      case "Binary": {
        const parts = this.stringParts(e);
        return joinEnvParts(parts);
      }
      default:
        throw new ValueError(`this expression has no collector equivalent (only literals, arrays, objects, sys.env, coalesce and + of strings)`, e.start);
    }
  }

  /** A string-valued expression as literal text and environment references. */
  private stringParts(e: Expr): StringPart[] {
    if (e.kind === "Paren") return this.stringParts(e.inner);
    if (e.kind === "Literal" && e.literal === "string") return [{ t: "text", text: decodeStringLiteral(e.raw) }];
    if (e.kind === "Binary" && e.op === "+") return [...this.stringParts(e.left), ...this.stringParts(e.right)];
    if (e.kind === "Call") {
      const callee = traversalName(e.callee);
      if (callee === "sys.env" && e.args.length === 1) return [envRef(this.literalString(e.args[0]!))];
      if (callee === "coalesce" && e.args.length === 2) {
        const [env] = this.stringParts(e.args[0]!);
        if (env?.t === "ref" && env.default === undefined) return [envRef(env.name, this.literalString(e.args[1]!))];
      }
      throw new ValueError(`the call ${callee ?? "expression"}(...) has no collector equivalent (only sys.env("X") and coalesce(sys.env("X"), "default"))`, e.start);
    }
    throw new ValueError("only string literals, sys.env and coalesce can be joined with + here", e.start);
  }

  private literalString(e: Expr): string {
    if (e.kind === "Literal" && e.literal === "string") return decodeStringLiteral(e.raw);
    throw new ValueError("a string literal is expected here", e.start);
  }

  private readService(b: Block, config: CollectorConfig): void {
    const rest: Statement[] = [];
    for (const s of b.body) {
      if (s.kind === "Attribute" && s.name === "extensions") config.extensions.push(...this.idList(s.value, ["extension"]));
      else if (s.kind === "Attribute" && s.name === "pipelines") {
        this.report("error", `pipelines are written as ${PIPELINE_BLOCK} blocks; this attribute was left out`, s.start);
      } else rest.push(s);
    }
    for (const [k, v] of this.body(rest, true)) config.service.set(k, v);
  }

  private readPipeline(b: Block): CollectorPipeline | undefined {
    const label = labelOf(b);
    if (label === undefined) {
      this.report("critical", `${PIPELINE_BLOCK} needs a label`, b.start);
      return undefined;
    }
    const id = this.metaString(b.body, META.id) ?? idFromPipelineLabel(label);
    const slash = id.indexOf("/");
    const lists: Record<string, string[]> = { receivers: [], processors: [], exporters: [] };
    for (const s of b.body) {
      if (s.kind === "Attribute" && s.name === META.id) continue;
      if (s.kind === "Attribute" && s.name in LIST_KINDS) lists[s.name] = this.idList(s.value, LIST_KINDS[s.name]!);
      else this.report("error", `${PIPELINE_BLOCK} accepts only receivers, processors and exporters; ${s.name} was left out`, s.start);
    }
    return {
      id,
      signal: slash === -1 ? id : id.slice(0, slash),
      name: slash === -1 ? "" : id.slice(slash + 1),
      receivers: lists.receivers!,
      processors: lists.processors!,
      exporters: lists.exporters!,
      position: this.source.position(b.start),
    };
  }

  /** A list of component references (or ID strings) as collector IDs. */
  private idList(e: Expr, kinds: readonly ComponentKind[]): string[] {
    if (e.kind !== "Array") {
      this.report("critical", "a list of component references is expected here", e.start);
      return [];
    }
    const ids: string[] = [];
    for (const item of e.elements) {
      if (item.kind === "Literal" && item.literal === "string") {
        ids.push(decodeStringLiteral(item.raw));
        continue;
      }
      const path = traversalName(item);
      const target = path === undefined ? undefined : this.identities.get(path);
      if (!target) {
        this.report("critical", `${path ?? "this expression"} does not name a component block`, item.start);
        continue;
      }
      if (!kinds.includes(target.kind)) {
        this.report("critical", `${path} is a ${target.kind}; a ${kinds.join(" or ")} is expected here`, item.start);
        continue;
      }
      ids.push(target.id);
    }
    return ids;
  }
}

/** Reads Alloy text (bridge dialect) into a collector configuration. Never throws. */
export function collectorFromAlloy(text: string, options: { fileName?: string } = {}): CollectorFromAlloyResult {
  const parsed = parse(text, { name: options.fileName });
  const reader = new Reader(parsed.source);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    for (const d of errors) reader.report("critical", `failed to parse the Alloy configuration: ${d.message}`, d.range.start);
    return { config: undefined, diagnostics: reader.diagnostics };
  }
  try {
    const config = reader.read(parsed.file.body);
    const critical = reader.diagnostics.some((d) => d.severity === "critical");
    return { config: critical ? undefined : config, diagnostics: reader.diagnostics };
  } catch (e) {
    reader.report("critical", `internal converter error: ${(e as Error).message}`);
    return { config: undefined, diagnostics: reader.diagnostics };
  }
}

/** Alloy (bridge dialect) → collector YAML text. Never throws. */
export function convertAlloyToOtelcol(text: string, options: { fileName?: string } = {}): AlloyToOtelcolResult {
  const { config, diagnostics } = collectorFromAlloy(text, options);
  if (!config) return { output: undefined, diagnostics };
  try {
    return { output: printCollectorYaml(config), diagnostics };
  } catch (e) {
    return { output: undefined, diagnostics: [...diagnostics, convertDiagnostic("critical", `internal converter error: ${(e as Error).message}`)] };
  }
}
