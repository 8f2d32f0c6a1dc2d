/**
 * Checks an OpenTelemetry Collector YAML configuration the way the collector does before starting
 * (otel-config spec sections 1-4): top-level shape, component and pipeline ID grammar, references from
 * pipelines and `service.extensions`, pipeline and connector rules, and `${...}` expansion syntax. Components
 * defined but not used are reported as warnings (the collector ignores them silently).
 * Positions are YAML line:column (byte columns, like the rest of the toolchain).
 */
import { SourceFile } from "@alloy-ts/grammar";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import type { ValidationDiagnostic } from "../diagnostic.js";
import { checkExpansions } from "./expansion.js";
import { CONNECTOR_SIGNALS } from "./connectors.js";

export interface OtelcolValidateOptions {
  /** Component types available, per kind (e.g. from a builder manifest); unset = any type is accepted. */
  readonly knownTypes?: Partial<Record<Kind, ReadonlySet<string>>>;
}

export type Kind = "receivers" | "processors" | "exporters" | "connectors" | "extensions";
const KINDS: readonly Kind[] = ["receivers", "processors", "exporters", "connectors", "extensions"];
const TOP_LEVEL = new Set<string>([...KINDS, "service"]);
const SIGNALS = new Set(["traces", "metrics", "logs", "profiles"]);
const SINGULAR: Record<Kind, string> = { receivers: "receiver", processors: "processor", exporters: "exporter", connectors: "connector", extensions: "extension" };

const TYPE_RE = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;
// Unicode categories Z (separators), C (control/other) and S (symbols) are not allowed in ID names.
const BAD_NAME_CHAR = /[\p{Z}\p{C}\p{S}]/u;

export interface OtelcolResult {
  readonly diagnostics: ValidationDiagnostic[];
  readonly source: SourceFile;
}

interface Ctx {
  readonly file: string;
  readonly out: ValidationDiagnostic[];
}

function diag(ctx: Ctx, node: YamlNode | Pair | undefined | null, message: string, code: string, severity: "error" | "warning" = "error"): void {
  const r = (node as YamlNode | undefined)?.range ?? ((node as Pair | undefined)?.key as YamlNode | undefined)?.range;
  const start = r ? r[0] : 0;
  const end = r ? Math.max(r[1], start + 1) : 1;
  ctx.out.push({ severity, message, range: { start, end }, code, file: ctx.file });
}

/** Parses `type[/name]`; returns an error text or the parts. */
export function parseComponentId(id: string): { type: string; name?: string } | { error: string } {
  const trimmed = id.trim();
  const slash = trimmed.indexOf("/");
  const type = (slash < 0 ? trimmed : trimmed.slice(0, slash)).trim();
  if (!TYPE_RE.test(type)) {
    return { error: `invalid character(s) in type "${type}"` };
  }
  if (slash < 0) return { type };
  const name = trimmed.slice(slash + 1).trim();
  if (name === "") return { error: "name part must be specified after / in type/name format" };
  if (Buffer.byteLength(name) > 1024) return { error: `name "${name.slice(0, 20)}..." is longer than 1024 characters` };
  if (BAD_NAME_CHAR.test(name)) return { error: `invalid character(s) in name "${name}"` };
  return { type, name };
}

function keyText(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

function normalizeId(id: string): string {
  const p = parseComponentId(id);
  return "error" in p ? id.trim() : p.name === undefined ? p.type : `${p.type}/${p.name}`;
}

/** Validates collector YAML text. Never throws: YAML syntax errors become diagnostics. */
export function validateOtelcolYaml(text: string, file: string, opts: OtelcolValidateOptions = {}): OtelcolResult {
  const source = new SourceFile(file, text);
  const ctx: Ctx = { file, out: [] };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false, uniqueKeys: true });
  for (const e of doc.errors) {
    ctx.out.push({ severity: "error", message: e.message.split("\n")[0]!, range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, code: "otelcol/yaml-syntax", file });
  }
  if (doc.errors.length) return { diagnostics: ctx.out, source };
  const root = doc.contents;
  if (!root || (isScalar(root) && (root.value === null || root.value === ""))) {
    ctx.out.push({ severity: "error", message: "empty configuration file", range: { start: 0, end: Math.max(1, text.length) }, code: "otelcol/empty", file });
    return { diagnostics: ctx.out, source };
  }
  if (!isMap(root)) {
    diag(ctx, root, "the configuration must be a mapping", "otelcol/shape");
    return { diagnostics: ctx.out, source };
  }
  checkExpansions(root, (node, message) => diag(ctx, node, message, "otelcol/expansion"));

  const defined = new Map<Kind, Map<string, Pair>>();
  for (const k of KINDS) defined.set(k, new Map());
  let service: YAMLMap | undefined;
  for (const p of root.items) {
    const key = keyText(p);
    if (!TOP_LEVEL.has(key)) {
      diag(ctx, p.key as YamlNode, `'' has invalid keys: ${key}`, "otelcol/unknown-key");
      continue;
    }
    if (key === "service") {
      if (isMap(p.value)) service = p.value;
      else if (p.value !== null && !(isScalar(p.value) && p.value.value === null)) diag(ctx, p.value as YamlNode, "'service' expected a map", "otelcol/shape");
      continue;
    }
    const kind = key as Kind;
    if (p.value === null || (isScalar(p.value) && p.value.value === null)) continue;
    if (!isMap(p.value)) {
      diag(ctx, p.value as YamlNode, `'${kind}' expected a map, got '${isSeq(p.value) ? "slice" : "string"}'`, "otelcol/shape");
      continue;
    }
    for (const c of p.value.items) {
      const id = keyText(c);
      const parsed = parseComponentId(id);
      if ("error" in parsed) {
        diag(ctx, c.key as YamlNode, `${kind}: invalid component ID "${id}": ${parsed.error}`, "otelcol/component-id");
        continue;
      }
      const known = opts.knownTypes?.[kind];
      if (known && !known.has(parsed.type)) {
        diag(ctx, c.key as YamlNode, `${kind}: unknown type: "${parsed.type}" for id: "${normalizeId(id)}" (valid values: [${[...known].sort().join(" ")}])`, "otelcol/unknown-type");
      }
      const norm = normalizeId(id);
      if (defined.get(kind)!.has(norm)) diag(ctx, c.key as YamlNode, `${kind}: duplicate component ID "${norm}"`, "otelcol/duplicate-id");
      defined.get(kind)!.set(norm, c);
    }
  }

  // A connector ID may not also be a receiver or exporter ID.
  for (const id of defined.get("connectors")!.keys()) {
    for (const k of ["receivers", "exporters"] as const) {
      const other = defined.get(k)!.get(id);
      if (other) diag(ctx, other.key as YamlNode, `connectors::${id}: ID "${id}" is the same as a ${SINGULAR[k]} ID`, "otelcol/connector-id-clash");
    }
  }

  if (!service) {
    ctx.out.push({ severity: "error", message: "service must have at least one pipeline", range: { start: 0, end: 1 }, code: "otelcol/no-pipelines", file });
    return { diagnostics: ctx.out, source };
  }
  const used = new Map<Kind, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  const connectorUse = new Map<string, { asExporter: Set<string>; asReceiver: Set<string> }>();
  let pipelinesNode: YamlNode | undefined;
  for (const p of service.items) {
    const key = keyText(p);
    if (key === "extensions") {
      if (!isSeq(p.value)) continue;
      for (const item of p.value.items) {
        const id = isScalar(item) ? String(item.value) : "";
        if (!defined.get("extensions")!.has(normalizeId(id))) diag(ctx, item as YamlNode, `service::extensions: references extension "${id}" which is not configured`, "otelcol/undefined-component");
        used.get("extensions")!.add(normalizeId(id));
      }
    } else if (key === "pipelines") {
      pipelinesNode = p.value as YamlNode;
    } else if (key !== "telemetry") {
      diag(ctx, p.key as YamlNode, `'service' has invalid keys: ${key}`, "otelcol/unknown-key");
    }
  }
  if (!pipelinesNode || !isMap(pipelinesNode) || pipelinesNode.items.length === 0) {
    diag(ctx, pipelinesNode ?? (service as YamlNode), "service must have at least one pipeline", "otelcol/no-pipelines");
  } else {
    for (const pl of pipelinesNode.items) {
      const pid = keyText(pl);
      const signal = pid.split("/", 1)[0]!.trim();
      const where = `service::pipelines::${pid}`;
      if (!SIGNALS.has(signal)) {
        diag(ctx, pl.key as YamlNode, `${where}: unknown signal "${signal}"`, "otelcol/pipeline-id");
        continue;
      }
      if (pid.includes("/") && pid.slice(pid.indexOf("/") + 1).trim() === "") diag(ctx, pl.key as YamlNode, `${where}: name part must be specified after / in type/name format`, "otelcol/pipeline-id");
      const body = isMap(pl.value) ? pl.value : undefined;
      const lists: Record<string, { node: YamlNode; ids: { id: string; node: YamlNode }[] } | undefined> = {};
      for (const part of body?.items ?? []) {
        const pk = keyText(part);
        if (!["receivers", "processors", "exporters"].includes(pk)) {
          diag(ctx, part.key as YamlNode, `${where}: '' has invalid keys: ${pk}`, "otelcol/unknown-key");
          continue;
        }
        // A list written as a YAML alias (`receivers: *common`) is the anchored list.
        const list = isAlias(part.value) ? part.value.resolve(doc) : part.value;
        const ids = isSeq(list) ? list.items.map((n) => ({ id: isScalar(n) ? String(n.value) : "", node: n as YamlNode })) : [];
        lists[pk] = { node: part.key as YamlNode, ids };
      }
      const keyNode = pl.key as YamlNode;
      if (!lists.receivers?.ids.length) diag(ctx, keyNode, `${where}: must have at least one receiver`, "otelcol/pipeline-shape");
      if (!lists.exporters?.ids.length) diag(ctx, keyNode, `${where}: must have at least one exporter`, "otelcol/pipeline-shape");
      const seenProc = new Set<string>();
      for (const { id, node } of lists.processors?.ids ?? []) {
        const n = normalizeId(id);
        if (seenProc.has(n)) diag(ctx, node, `${where}: references processor "${id}" multiple times`, "otelcol/duplicate-processor");
        seenProc.add(n);
        if (!defined.get("processors")!.has(n)) diag(ctx, node, `${where}: references processor "${id}" which is not configured`, "otelcol/undefined-component");
        used.get("processors")!.add(n);
      }
      for (const side of ["receivers", "exporters"] as const) {
        for (const { id, node } of lists[side]?.ids ?? []) {
          const n = normalizeId(id);
          if (defined.get("connectors")!.has(n)) {
            const u = connectorUse.get(n) ?? { asExporter: new Set(), asReceiver: new Set() };
            (side === "exporters" ? u.asExporter : u.asReceiver).add(signal);
            connectorUse.set(n, u);
            used.get("connectors")!.add(n);
            continue;
          }
          if (!defined.get(side)!.has(n)) diag(ctx, node, `${where}: references ${SINGULAR[side]} "${id}" which is not configured`, "otelcol/undefined-component");
          used.get(side)!.add(n);
        }
      }
      const recv = new Set((lists.receivers?.ids ?? []).map((x) => normalizeId(x.id)));
      for (const { id, node } of lists.exporters?.ids ?? []) {
        const n = normalizeId(id);
        if (defined.get("connectors")!.has(n) && recv.has(n)) diag(ctx, node, `${where}: connector "${n}" cannot be used as both receiver and exporter of the same pipeline`, "otelcol/connector-rule");
      }
    }
  }
  for (const [id, pair] of defined.get("connectors")!) {
    const u = connectorUse.get(id);
    if (!u) continue;
    if (!u.asReceiver.size) diag(ctx, pair.key as YamlNode, `connectors::${id}: must be used as both receiver and exporter but is not used as receiver`, "otelcol/connector-rule");
    else if (!u.asExporter.size) diag(ctx, pair.key as YamlNode, `connectors::${id}: must be used as both receiver and exporter but is not used as exporter`, "otelcol/connector-rule");
    else {
      const type = id.split("/", 1)[0]!;
      const supports = CONNECTOR_SIGNALS[type];
      if (supports) {
        for (const from of u.asExporter) {
          if (![...u.asReceiver].some((to) => supports(from, to))) {
            diag(ctx, pair.key as YamlNode, `connectors::${id}: connector "${id}" used as exporter in ${from} pipeline but not used in any supported receiver pipeline`, "otelcol/connector-signal");
          }
        }
      }
    }
  }
  for (const k of KINDS) {
    for (const [id, pair] of defined.get(k)!) {
      if (used.get(k)!.has(id)) continue;
      const what = k === "extensions" ? "is not listed in service::extensions" : "is not used by any pipeline";
      diag(ctx, pair.key as YamlNode, `${SINGULAR[k]} "${id}" is defined but ${what}`, "otelcol/unused-component", "warning");
    }
  }
  ctx.out.sort((a, b) => a.range.start - b.range.start);
  return { diagnostics: ctx.out, source };
}
