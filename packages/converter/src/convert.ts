/**
 * The otelcol → Alloy conversion, step by step as otelcol-conversion.md §1 describes it.
 */
import { builder, format, parse, print, type ParseResult, type Diagnostic, type Severity } from "@alloy-ts/grammar";
import { attr, block, expr, type BlockStatement, type Statement } from "./alloy/ir.js";
import type { ComponentDescription, ComponentKind, Signal } from "./engine/description.js";
import { convertBody, decodeBody, MapSource, type EngineContext } from "./engine/engine.js";
import { Expr } from "./engine/values.js";
import { loadConfig, SECTIONS, type DefinedComponent, type OtelConfig, type PipelineConfig } from "./otel/config.js";
import { resolveReferences } from "./otel/resolve-refs.js";
import { validateConfig } from "./otel/validate.js";
import { positionOf, readYaml, type Position } from "@alloy-ts/otel";
import { componentLabel, splitId } from "./labels.js";
import { convertTelemetry } from "./telemetry.js";
import { rewriteBlock, rewriteReferences } from "./env-rewrite.js";
import { referenceErrors } from "./otel/resolve-refs.js";
import { ConvertCode, convertDiagnostic } from "./diagnostics.js";
import { byteOrder } from "./engine/values.js";
// Native mappings, gap reporting and the hybrid dialect (default mode only; docs/native-mappings.md).
import { findDefaultMode } from "./native/table.js";
import { nativeRole } from "./native/types.js";
import { gapSummary, gapsFooter } from "./native/gaps.js";
import { carriedBody, carriedDescription } from "./native/carry.js";
import type { UnknownComponent } from "./otel/config.js";
// The settings ledger (default mode only): every input setting gets a fate.
import { ambient, ReadTracker } from "./ledger/tracker.js";
import { componentFates, uniformFates, type SettingFate } from "./ledger/ledger.js";
import { telemetryFates } from "./ledger/telemetry.js";
// What Alloy would refuse in the output is named at the component it came from (default mode only).
import { checkOutput, type OutputOrigin } from "./output-check.js";
// Per-signal processors where a shared one would close a cycle (default mode only; docs/converter-differences.md #14).
import { planProcessorSplits, splitKey, type ProcessorUse, type SplitPlan } from "./wiring/split-processors.js";

export interface ConvertOptions {
  /** `"upstream"`: reproduce upstream's output and messages exactly, quirks included (§18). */
  readonly compat?: "upstream";
  /** Skip OTel's top-level validation and the `sys.env` rewriting (upstream's "without validation" variant). */
  readonly skipSourceValidation?: boolean;
  /** `--extra-args`, already split; the otelcol converter accepts none. */
  readonly extraArgs?: readonly string[];
  /** Name of the converted file, for messages. */
  readonly fileName?: string;
  /**
   * `"hybrid"`: components without an Alloy equivalent are kept as `otel.<kind>.<type>` blocks instead of failing
   * the conversion (ignored under `compat`).
   */
  readonly dialect?: "hybrid";
  /** A setting the conversion does not carry is an Error (blocks the output) instead of a Warning. */
  readonly strict?: boolean;
}

export interface ConvertResult {
  /** The Alloy text (ending with `\n`), or undefined when nothing was produced. */
  readonly output: string | undefined;
  readonly diagnostics: Diagnostic[];
  /** What became of every setting of the input (default mode; empty under `compat`). */
  readonly ledger: readonly SettingFate[];
}

const SIGNALS: readonly Signal[] = ["metrics", "logs", "traces"];
const UNMARSHAL_PREFIX =
  "failed to get otelcol config: cannot unmarshal the configuration: decoding failed due to the following error(s):\n\n";

type Group = { readonly name: string; readonly pipelines: Partial<Record<Signal, PipelineConfig>> };

/**
 * The components the service uses (`kind/id`: listed extensions and everything a non-profiles pipeline names; a
 * receiver or exporter ID may be a connector), and those only profiles pipelines name.
 */
function serviceUses(cfg: OtelConfig): { used: Set<string>; profilesOnly: Set<string> } {
  const used = new Set<string>(cfg.serviceExtensions.map((id) => `extension/${id}`));
  const profiles = new Set<string>();
  for (const p of cfg.pipelines) {
    const into = p.signal === "profiles" ? profiles : used;
    for (const id of p.receivers) into.add(`receiver/${id}`).add(`connector/${id}`);
    for (const id of p.processors) into.add(`processor/${id}`);
    for (const id of p.exporters) into.add(`exporter/${id}`).add(`connector/${id}`);
  }
  return { used, profilesOnly: new Set([...profiles].filter((k) => !used.has(k))) };
}

/** Whether any pipeline of the group lists the connector, on either side. */
const usesConnector = (g: Group, id: string): boolean =>
  Object.values(g.pipelines).some((p) => p !== undefined && (p.receivers.includes(id) || p.exporters.includes(id)));

class Conversion {
  readonly diagnostics: Diagnostic[] = [];
  /** Settings ledger, in the order first recorded (a component emitted in several groups has one fate per setting). */
  private readonly fates: SettingFate[] = [];
  /** Owner → path → index in {@link fates} (no key string per setting: a large configuration has many). */
  private readonly fateIndex = new Map<string, Map<string, number>>();
  /** The file as tokens, block by block (each block's tree is garbage once written). */
  private readonly file = new builder.FileBuilder();
  /**
   * Under compat (when references are rewritten): the file as it was before the rewrite, for upstream's bytes
   * when the rewritten file does not parse (see ./env-rewrite.ts).
   */
  private readonly unrewritten: string[] | undefined;
  readonly compat: boolean;
  /** Processors emitted once per signal (never under compat). */
  private splits: SplitPlan = new Map();
  /** Per signal, receiver (or connector) ID → the groups whose pipeline of that signal lists it, in group order. */
  private consumers: Record<Signal, Map<string, Group[]>> = { metrics: new Map(), logs: new Map(), traces: new Map() };

  /** The collector component each emitted block (`<name>.<label>`) was converted from. */
  private readonly origins = new Map<string, OutputOrigin>();

  /** Default mode reads `${...}` references as expressions (upstream resolves them to text first). */
  readonly readsReferences: boolean;

  constructor(readonly options: ConvertOptions) {
    this.compat = options.compat === "upstream";
    this.readsReferences = !this.compat && options.skipSourceValidation !== true;
    this.unrewritten = this.compat && options.skipSourceValidation !== true ? [] : undefined;
  }

  /** Writes a top-level block; under compat its `${...}` literals are rewritten as upstream does. */
  private add(b: BlockStatement): void {
    if (this.unrewritten === undefined) {
      this.file.add(b);
      return;
    }
    const rewritten = rewriteBlock(b);
    const tokens = this.file.add(rewritten);
    this.unrewritten.push(rewritten === b ? tokens : builder.statementText(b));
  }

  get ledger(): SettingFate[] {
    return [...this.fates];
  }

  /** Records fates; a setting carried by one emission of a component is carried (others may drop it). */
  private record(fates: readonly SettingFate[]): void {
    for (const f of fates) {
      let paths = this.fateIndex.get(f.owner);
      if (paths === undefined) this.fateIndex.set(f.owner, (paths = new Map()));
      const at = paths.get(f.path);
      const prev = at === undefined ? undefined : this.fates[at];
      if (prev === undefined || (prev.fate === "not-carried" && f.fate !== "not-carried")) {
        // Kept until the end: flat strings are a fraction of the concatenations they were built as.
        builder.flat(f.detail);
        builder.flat(f.path);
        if (at === undefined) {
          paths.set(f.path, this.fates.length);
          this.fates.push(f);
        } else {
          this.fates[at] = f;
        }
      }
    }
  }

  /** Upstream-compatible conversions carry no positions, so their diagnostics are exactly upstream's. */
  report(severity: Severity, message: string, position?: Position, code?: string): void {
    this.diagnostics.push(convertDiagnostic(severity, message, this.compat ? undefined : position, code));
  }

  run(yamlText: string): string | undefined {
    // The configuration read from YAML lives only while it is converted: printing and checking the output (the
    // peak of a large conversion) need none of it.
    if (!this.convertAll(yamlText)) return undefined;
    this.consumers = { metrics: new Map(), logs: new Map(), traces: new Map() };
    this.splits = new Map();
    return this.compat ? this.printedUpstream() : this.printedChecked();
  }

  /** Reads and converts the configuration; false when there is no output. */
  private convertAll(yamlText: string): boolean {
    const extra = this.options.extraArgs ?? [];
    if (extra.length > 0) {
      this.report("critical", `extra arguments are not supported for the otelcol converter: [${extra.join(" ")}]`);
      return false;
    }
    const read = readYaml(yamlText);
    if (!read.ok) {
      this.report("critical",
        "failed to get otelcol config: cannot resolve the configuration: retrieved value (type=string) cannot be used as a Conf: " +
          `assuming string type since contents are not valid YAML: ${read.message}`, read.position);
      return false;
    }
    if (this.readsReferences) {
      // References stay in the tree and become expressions where they are read (engine/env-values.ts); every
      // reference the conversion cannot express is named at once.
      const errors = referenceErrors(read.value);
      for (const e of errors) this.report("critical", `failed to get otelcol config: cannot resolve the configuration: ${e.message}`, e.position);
      if (errors.length > 0) return false;
    } else {
      const refError = resolveReferences(read.value);
      if (refError) {
        this.report("critical", `failed to get otelcol config: cannot resolve the configuration: ${refError.message}`, refError.position);
        return false;
      }
    }
    const loaded = loadConfig(read.value, this.compat ? undefined : { lookup: findDefaultMode, collectUnknown: true });
    if (!loaded.ok) {
      this.report("critical", loaded.summary, loaded.position);
      return false;
    }
    const cfg = loaded.config;
    if (!this.compat && !this.hasPipelines(read.value, cfg)) return false;
    if (!this.handleUnknown(cfg, loaded.unknown)) return false;
    if (!this.checkComponentBodies(cfg)) return false;
    if (!this.options.skipSourceValidation) {
      const invalid = validateConfig(cfg);
      if (invalid) {
        this.report("critical", `failed to validate config: ${invalid.message}`, invalid.position);
        return false;
      }
    }
    this.convertConfig(cfg);
    if (!this.compat) this.reportLedger(cfg);
    this.checkDuplicateLabels();
    if (this.file.empty && !this.compat) {
      // Upstream then succeeds with no output; nothing converted is not a success.
      this.report("critical", "nothing was converted: no pipeline of the configuration has a signal Alloy carries (traces, metrics, logs)");
    }
    return !this.file.empty;
  }

  /**
   * The tokens parsed once, and the tree printed and checked as Alloy checks it when it loads a file: each
   * problem is an error at the collector component its block came from (a setting the collector would refuse
   * too, or a gap of the conversion).
   */
  private printedChecked(): string {
    const tokens = this.file.text();
    const parsed = parse(tokens, { name: "converted.alloy" });
    if (parsed.diagnostics.some((d) => d.severity === "error")) return this.unparsable(parsed, tokens);
    const output = print(parsed.file, parsed.source) + "\n";
    // A conversion that already failed claims nothing about its output; the check is for one that would succeed.
    if (this.diagnostics.some((d) => d.severity === "error" || d.severity === "critical")) return output;
    for (const p of checkOutput(output, parsed, this.origins)) this.report("error", p.summary, p.position, ConvertCode.outputRefused);
    return output;
  }

  /**
   * Upstream's output, unchecked as upstream prints it. If the rewritten references make the file unparsable,
   * upstream's own steps give its bytes: the file printed, rewritten as text, and returned as it is.
   */
  private printedUpstream(): string {
    const tokens = this.file.text();
    const formatted = format(tokens);
    if (formatted.ok) return formatted.text;
    const plain = this.unrewritten?.join("");
    const first = plain === undefined || plain === tokens ? undefined : format(plain);
    if (first === undefined || !first.ok) return this.unparsable(formatted, tokens);
    const rewritten = rewriteReferences(first.text.slice(0, -1));
    const second = format(rewritten);
    if (second.ok) return second.text;
    return this.unparsable(second, rewritten);
  }

  /** An output that does not parse: an Error with the parser's message, and the text as it is. */
  private unparsable(result: Pick<ParseResult, "diagnostics" | "source">, text: string): string {
    const d = result.diagnostics.find((x) => x.severity === "error") ?? result.diagnostics[0];
    const at = d ? result.source.position(d.range.start) : undefined;
    this.report("error", d && at ? `${at.line}:${at.column}: ${d.message}` : "failed to parse the converted configuration");
    return text;
  }

  /**
   * A configuration without a service section or without pipelines converts to nothing (upstream prints an empty
   * file and succeeds); the collector refuses it, and so does the default mode.
   */
  private hasPipelines(root: unknown, cfg: OtelConfig): boolean {
    if (!(root instanceof Map) || !root.has("service")) {
      this.report("critical", "the configuration has no service section, so nothing would be converted: the collector refuses it too (service must have at least one pipeline)");
      return false;
    }
    if (cfg.pipelines.length === 0) {
      this.report("critical", "service must have at least one pipeline: nothing would be converted", positionOf(root, "service"));
      return false;
    }
    return true;
  }

  /**
   * Components without an Alloy equivalent (default mode only). Hybrid: carried as `otel.*` blocks. Otherwise every
   * one used by the service is named at once (Critical each, then a summary); unused ones are dropped with a Warning.
   */
  private handleUnknown(cfg: OtelConfig, unknown: readonly UnknownComponent[]): boolean {
    if (unknown.length === 0) return true;
    if (this.options.dialect === "hybrid") {
      for (const u of unknown) cfg.components[u.kind].set(u.id, { ...u, description: carriedDescription(u.kind, u.type) });
      return true;
    }
    // Components of profiles pipelines only are named by the ledger (no Alloy component carries profiles).
    const { used, profilesOnly } = serviceUses(cfg);
    const gaps = unknown.filter((u) => used.has(`${u.kind}/${u.id}`));
    for (const u of unknown) {
      // Kept in the model (never emitted: profiles pipelines are not converted) so the pipeline stays valid.
      if (profilesOnly.has(`${u.kind}/${u.id}`)) {
        cfg.components[u.kind].set(u.id, { ...u, description: carriedDescription(u.kind, u.type) });
        continue;
      }
      if (!used.has(`${u.kind}/${u.id}`)) {
        this.report("warning", `${u.kind} "${u.id}" is not used by the service and has no Alloy equivalent; it was dropped`, u.position);
        this.record(uniformFates(`${u.kind}/${u.id}`, u.config, "unused", `${u.kind}/${u.id} is not used by the service`));
      }
    }
    if (gaps.length === 0) return true;
    for (const g of gaps) this.report("critical", gapSummary(g), g.position);
    this.report("critical", gapsFooter(gaps));
    return false;
  }

  /** OTel decodes every defined component (used or not) at load time; decoding failures are Critical. */
  private checkComponentBodies(cfg: OtelConfig): boolean {
    const failures: { text: string; position?: Position }[] = [];
    for (const [section, kind] of SECTIONS) {
      for (const c of cfg.components[kind].values()) {
        const errors: { text: string; position?: Position }[] = [];
        const ctx: EngineContext = {
          compat: this.compat,
          references: this.readsReferences,
          extensionRef: (id) => new Expr(id),
          decodeError: (path, message, container) =>
            errors.push({ text: `'${path.join(".")}' ${message}`, position: positionOf(container, path[path.length - 1]) }),
        };
        decodeBody(c.description.rows, c.config, [], ctx);
        if (errors.length > 0) {
          failures.push({
            text: `'${section}' error reading configuration for "${c.id}": decoding failed due to the following error(s):\n\n` +
              errors.map((e) => e.text).join("\n"),
            position: errors[0]!.position ?? c.position,
          });
          break;
        }
      }
    }
    if (failures.length === 0) return true;
    this.report("critical", UNMARSHAL_PREFIX + failures.map((f) => f.text).join("\n"), failures[0]!.position);
    return false;
  }

  private convertConfig(cfg: OtelConfig): void {
    const telemetry = convertTelemetry(cfg.telemetry, this.compat);
    for (const n of telemetry.notes) this.report(n.severity, n.message, n.position, n.code);
    if (!this.compat) this.record(telemetryFates(cfg.telemetry));
    if (telemetry.logging) this.add(telemetry.logging);

    const groups = this.pipelineGroups(cfg);
    if (!groups) return;
    this.indexConsumers(groups);
    for (const id of cfg.serviceExtensions) {
      const ext = cfg.components.extension.get(id);
      if (ext) this.emit(cfg, ext, "", undefined);
    }
    if (!this.compat) this.splits = planProcessorSplits(this.processorUses(cfg, groups), (plan) => this.wiringGraph(cfg, groups, plan));
    const seen = new Set<string>();
    for (const group of groups) {
      const isConnector = (id: string) => cfg.components.connector.has(id);
      const list = (s: Signal, key: "receivers" | "processors" | "exporters") => group.pipelines[s]?.[key] ?? [];
      const fresh = (s: Signal) => {
        const out: string[] = [];
        for (const id of list(s, "receivers")) {
          if (isConnector(id) || seen.has(id)) continue;
          seen.add(id);
          out.push(id);
        }
        return out;
      };
      // Receiver order: new metrics receivers, then logs, then traces; traces claim theirs before logs (§3).
      const m = fresh("metrics");
      const t = fresh("traces");
      const l = fresh("logs");
      const union = (key: "processors" | "exporters") => [...new Set(SIGNALS.flatMap((s) => list(s, key)))];
      for (const id of [...m, ...l, ...t]) this.emitRef(cfg, "receiver", id, group);
      for (const id of union("processors")) this.emitRef(cfg, "processor", id, group);
      for (const id of union("exporters")) if (!isConnector(id)) this.emitRef(cfg, "exporter", id, group);
      if (this.compat) {
        // Upstream emits every defined connector once per group (§5, §18.3): a connector joining pipelines of two
        // groups becomes two blocks, one fed and wired to nothing, one wired and never fed.
        for (const conn of cfg.components.connector.values()) this.emit(cfg, conn, group.name, group);
        continue;
      }
      // One block per connector, emitted with the first group that uses it; it receives from every pipeline that
      // exports to it and feeds every pipeline that receives from it.
      for (const conn of cfg.components.connector.values()) {
        if (seen.has(`connector:${conn.id}`) || !usesConnector(group, conn.id)) continue;
        seen.add(`connector:${conn.id}`);
        this.emit(cfg, conn, "", undefined);
      }
    }
  }

  /** The label of a connector's block: per group under compat (§18.3), one per connector otherwise. */
  private connectorLabel(alloyName: string, groupName: string, id: string): string {
    return this.label(alloyName, this.compat ? groupName : "", id);
  }

  /** Labels given out, by component name, group and ID name; and who holds each `<alloy name>.<label>`. */
  private readonly labels = new Map<string, string>();
  private readonly holders = new Map<string, string>();

  /**
   * The label of the block for ID name `name` in pipeline group `group` (§4). Two IDs can give the same label
   * (`transform/default` in the default group and `transform` in group `default`, or names that differ only in
   * characters a label cannot hold); upstream then fails the whole file. Outside compat the later one gets the
   * first free `_2`, `_3`, ... suffix, said in an Info.
   */
  private label(alloyName: string, group: string, id: string): string {
    const plain = componentLabel(group, splitId(id).name);
    if (this.compat) return plain;
    const key = `${alloyName}\u0000${group}\u0000${id}`;
    const known = this.labels.get(key);
    if (known !== undefined) return known;
    let label = plain;
    for (let n = 2; this.holders.has(`${alloyName}.${label}`); n++) label = `${plain}_${n}`;
    const who = `"${id}" in pipeline group "${group}"`;
    if (label !== plain) {
      this.report("info", `Labelled ${alloyName}.${label} (the component ${who}): the label "${plain}" is already used by the component ${this.holders.get(`${alloyName}.${plain}`)}`, undefined, ConvertCode.label);
    }
    // Both maps live to the end of the conversion: flat strings, not the concatenations they were built as.
    this.labels.set(builder.flat(key), builder.flat(label));
    this.holders.set(builder.flat(`${alloyName}.${label}`), builder.flat(who));
    return label;
  }

  /** Every processor block upstream emits (§5): one per processor and pipeline group. */
  private processorUses(cfg: OtelConfig, groups: readonly Group[]): ProcessorUse[] {
    const uses: ProcessorUse[] = [];
    for (const group of groups) {
      const ids = new Set(SIGNALS.flatMap((s) => group.pipelines[s]?.processors ?? []));
      for (const id of ids) {
        const c = cfg.components.processor.get(id);
        if (!c) continue;
        const signals = SIGNALS.filter((s) => group.pipelines[s]?.processors.includes(id));
        uses.push({ group: group.name, id, alloyName: c.description.alloyName, label: this.label(c.description.alloyName, group.name, c.id), signals });
      }
    }
    return uses;
  }

  /**
   * The references between emitted blocks under `plan`, as node names (`<alloy name>.<label>`). Only processors
   * and connectors can be on a cycle: receivers are never targets and exporters have no outputs (§6).
   */
  private wiringGraph(cfg: OtelConfig, groups: Group[], plan: SplitPlan): Map<string, string[]> {
    this.splits = plan; // targets() labels processor targets from this.splits
    const edges = new Map<string, string[]>();
    const node = (c: DefinedComponent, label: string, group: Group, signals: readonly Signal[]) => {
      const refs = signals.flatMap((s) => this.targets(cfg, c, s, group)).map((r) => r.replace(/\.input$/, ""));
      edges.set(`${c.description.alloyName}.${label}`, refs);
    };
    for (const group of groups) {
      for (const id of new Set(SIGNALS.flatMap((s) => group.pipelines[s]?.processors ?? []))) {
        const c = cfg.components.processor.get(id);
        if (!c) continue;
        const split = plan.get(splitKey(group.name, id));
        if (!split) node(c, this.label(c.description.alloyName, group.name, c.id), group, c.description.signals);
        else for (const [s, label] of split) node(c, label, group, c.description.signals.filter((x) => x === s));
      }
      if (this.compat) {
        for (const conn of cfg.components.connector.values()) node(conn, this.label(conn.description.alloyName, group.name, conn.id), group, conn.description.signals);
      }
    }
    if (!this.compat) {
      for (const conn of cfg.components.connector.values()) node(conn, this.connectorLabel(conn.description.alloyName, "", conn.id), groups[0]!, conn.description.signals);
    }
    return edges;
  }

  private pipelineGroups(cfg: OtelConfig): Group[] | undefined {
    const groups = new Map<string, Partial<Record<Signal, PipelineConfig>>>();
    for (const p of cfg.pipelines) {
      if (p.signal === "profiles" && !this.compat) {
        this.report("warning", `service::pipelines::${p.id}: profiles pipelines are not converted: no Alloy otelcol component carries profiles (run this pipeline with a collector or alloy otel)`, p.position);
        continue;
      }
      if (!(SIGNALS as readonly string[]).includes(p.signal)) {
        this.report("critical", `failed to interpret config: unknown pipeline type "${p.signal}"`, p.position);
        return undefined;
      }
      const g = groups.get(p.name) ?? {};
      g[p.signal as Signal] = p;
      groups.set(p.name, g);
    }
    return [...groups.entries()].sort(([a], [b]) => byteOrder(a, b)).map(([name, pipelines]) => ({ name, pipelines }));
  }

  /** Fills `consumers` once, so finding a receiver's pipelines does not scan every group (linear in the config). */
  private indexConsumers(groups: readonly Group[]): void {
    for (const group of groups) {
      for (const s of SIGNALS) {
        for (const id of group.pipelines[s]?.receivers ?? []) {
          const list = this.consumers[s].get(id);
          if (list === undefined) this.consumers[s].set(id, [group]);
          else if (list[list.length - 1] !== group) list.push(group);
        }
      }
    }
  }

  private emitRef(cfg: OtelConfig, kind: ComponentKind, id: string, group: Group): void {
    const c = cfg.components[kind].get(id);
    if (!c) {
      this.report("critical", `pipeline group "${group.name}" references ${kind} "${id}" which is not configured`);
      return;
    }
    this.emit(cfg, c, group.name, group);
  }

  /** Alloy component name that receives data for `id` used as a processor or exporter target. */
  private targetName(cfg: OtelConfig, kind: "processor" | "exporter", id: string): string | undefined {
    if (kind === "exporter" && cfg.components.connector.has(id)) return cfg.components.connector.get(id)!.description.alloyName;
    return cfg.components[kind].get(id)?.description.alloyName;
  }

  private targets(cfg: OtelConfig, c: DefinedComponent, signal: Signal, group: Group | undefined): string[] {
    const refs: string[] = [];
    const direct = new Set<string>();
    const add = (g: Group, kind: "processor" | "exporter", ids: readonly string[]) => {
      for (const id of ids) {
        const connector = kind === "exporter" ? cfg.components.connector.get(id) : undefined;
        if (connector && nativeRole(connector.description)?.role === "direct") {
          // A forwarding connector: its downstream pipelines' consumers, in every group, instead (cycles stop).
          if (direct.has(id)) continue;
          direct.add(id);
          for (const g2 of this.consumers[signal].get(id) ?? []) downstream(g2, g2.pipelines[signal]!);
          continue;
        }
        const name = this.targetName(cfg, kind, id);
        const label = (kind === "processor" ? this.splits.get(splitKey(g.name, id))?.get(signal) : undefined) ??
          (name === undefined ? "" : connector ? this.connectorLabel(name, g.name, id) : this.label(name, g.name, id));
        if (name) refs.push(`${name}.${label}.input`);
      }
    };
    function downstream(g: Group, p: PipelineConfig): void {
      if (p.processors.length > 0) add(g, "processor", [p.processors[0]!]);
      else add(g, "exporter", p.exporters);
    }
    if (c.kind === "receiver") {
      for (const g of this.consumers[signal].get(c.id) ?? []) downstream(g, g.pipelines[signal]!);
    } else if (c.kind === "connector" && !this.compat) {
      for (const g of this.consumers[signal].get(c.id) ?? []) downstream(g, g.pipelines[signal]!);
    } else if (c.kind === "connector" && group) {
      const p = group.pipelines[signal];
      if (p?.receivers.includes(c.id)) downstream(group, p);
    } else if (c.kind === "processor" && group) {
      const p = group.pipelines[signal];
      const i = p ? p.processors.indexOf(c.id) : -1;
      if (p && i !== -1) {
        if (i + 1 < p.processors.length) add(group, "processor", [p.processors[i + 1]!]);
        else add(group, "exporter", p.exporters);
      }
    }
    return refs;
  }

  /** `only`: the signal of a per-signal processor copy; the other signals get no targets. */
  private outputBlock(cfg: OtelConfig, c: DefinedComponent, group: Group | undefined, only?: Signal): Statement | undefined {
    const d = c.description;
    if (d.kind === "exporter" || d.kind === "extension") return undefined;
    if (d.upstreamOmitsOutput && this.compat) return undefined;
    const signals = only === undefined ? d.signals : d.signals.filter((s) => s === only);
    const targets = new Map<Signal, string[]>(signals.map((s) => [s, this.targets(cfg, c, s, group)]));
    if (d.upstreamSwapsMetricsAndLogs && this.compat) {
      const metrics = targets.get("metrics");
      const logs = targets.get("logs");
      if (logs !== undefined) targets.set("metrics", logs);
      else targets.delete("metrics");
      if (metrics !== undefined) targets.set("logs", metrics);
      else targets.delete("logs");
    }
    const body = SIGNALS.filter((s) => (targets.get(s)?.length ?? 0) > 0).map((s) =>
      attr(s, { t: "array", items: targets.get(s)!.map((r) => expr(r)) }),
    );
    return block("output", body);
  }

  private emit(cfg: OtelConfig, c: DefinedComponent, groupName: string, group: Group | undefined): void {
    const split = c.kind === "processor" ? this.splits.get(splitKey(groupName, c.id)) : undefined;
    if (!split) {
      this.emitBlock(cfg, c, c.kind === "connector" ? this.connectorLabel(c.description.alloyName, groupName, c.id) : this.label(c.description.alloyName, groupName, c.id), group);
      return;
    }
    const labels = [...split.values()];
    this.report("info",
      `Emitted processor/${c.id} once per signal (${labels.map((l) => `${c.description.alloyName}.${l}`).join(", ")}): ` +
        "a single block shared by these pipelines would form a cycle through a connector",
      c.position);
    let first = true;
    for (const [signal, label] of split) {
      this.emitBlock(cfg, c, label, group, signal, first);
      first = false;
    }
  }

  /**
   * One block for `c` labelled `label`; `only` restricts its outputs to one signal (a per-signal processor copy),
   * `notes` is false for the copies after the first so each note is reported once.
   */
  private emitBlock(cfg: OtelConfig, c: DefinedComponent, label: string, group: Group | undefined,
    only?: Signal, notes = true): void {
    const d: ComponentDescription = c.description;
    const role = nativeRole(d);
    if (role?.role === "absorbed") {
      this.report("info", `Dropped ${c.kind}/${c.id}: ${role.note}`, c.position);
      if (!this.compat) this.record(uniformFates(`${c.kind}/${c.id}`, c.config, "absorbed", role.note));
      return;
    }
    if (role?.role === "direct") {
      // A forwarding connector has no block: its pipelines are joined directly (its settings, if any, go with it).
      if (!this.compat) this.record(uniformFates(`${c.kind}/${c.id}`, c.config, "absorbed", "the connector's pipelines are joined directly"));
      return;
    }
    const tracker = this.compat ? undefined : new ReadTracker();
    const ctx: EngineContext = {
      compat: this.compat,
      label,
      tracker,
      references: this.readsReferences,
      extensionRef: (id, _path, container) => {
        const ext = cfg.components.extension.get(id);
        if (!ext || !cfg.serviceExtensions.includes(id)) {
          // Upstream crashes here (§8); report it instead.
          this.report("critical", `${c.kind}/${c.id} references extension "${id}" which is not listed in service::extensions`,
            positionOf(container, "authenticator") ?? c.position);
          return undefined;
        }
        return new Expr(`${ext.description.alloyName}.${this.label(ext.description.alloyName, "", ext.id)}.${ext.description.exportName ?? "handler"}`);
      },
      decodeError: (path, message) => this.report("critical", `'${path.join(".")}' ${message}`, c.position),
      extensionConfig: (id) => cfg.components.extension.get(id)?.config,
    };
    const src = new MapSource(c.config instanceof Map ? c.config : undefined, [], this.compat, undefined, "", undefined, false, ctx.extensionConfig);
    ambient.tracker = tracker;
    ambient.references = this.readsReferences;
    try {
      this.emitTracked(cfg, c, label, group, only, notes, ctx, src, tracker);
    } finally {
      ambient.tracker = undefined;
      ambient.references = false;
    }
  }

  /** The part of {@link emitBlock} during which the description's reads are recorded. */
  private emitTracked(cfg: OtelConfig, c: DefinedComponent, label: string, group: Group | undefined, only: Signal | undefined,
    notes: boolean, ctx: EngineContext, src: MapSource, tracker: ReadTracker | undefined): void {
    const d: ComponentDescription = c.description;
    const role = nativeRole(d);
    // Only what names the component in a message: the origins outlive the configuration.
    const origin: OutputOrigin = { kind: c.kind, id: c.id, position: c.position };
    this.origins.set(builder.flat(`${d.alloyName}.${label}`), origin);
    for (const extra of d.before?.(src, label) ?? []) {
      this.origins.set(builder.flat(`${extra.name}.${extra.label}`), origin);
      this.add(block(extra.name, convertBody(extra.rows, c.config, [], ctx), extra.label));
    }
    const output = this.outputBlock(cfg, c, group, only);
    if (role?.role === "carried") {
      const problems: { path: readonly string[]; message: string }[] = [];
      const body = carriedBody(c.config, problems);
      for (const p of problems) this.report("warning", `${c.kind}/${c.id}: ${p.path.join(".")}: ${p.message}`, c.position);
      this.add(block(d.alloyName, output ? [...body, output] : body, label));
      this.report("info", `Carried ${c.kind}/${c.id} as ${d.alloyName}.${label}: Alloy has no component for "${c.type}"; its settings are kept as written`, c.position);
      if (!this.compat) this.record(uniformFates(`${c.kind}/${c.id}`, c.config, "kept", `in ${d.alloyName}.${label}`));
      return;
    }
    const body = convertBody(d.rows, c.config, [], ctx, output);
    this.add(block(d.alloyName, body, label));
    const unsupported: { path: string; summary: string }[] = [];
    for (const n of notes ? d.notes?.(src, c.id) ?? [] : []) {
      const at = n.at === undefined ? c.position : notePosition(c.config, typeof n.at === "string" ? n.at.split(".") : n.at);
      this.report(n.severity, n.message, at, n.code);
      if (n.severity === "warning" && n.at !== undefined) unsupported.push({ path: typeof n.at === "string" ? n.at : n.at.join("."), summary: n.message });
    }
    if (tracker) {
      const fates = componentFates(`${c.kind}/${c.id}`, `${d.alloyName}.${label}`, c.config, tracker).map((f) => {
        // A setting a component's own Warning names is lost with that Warning as its reason.
        const named = unsupported.find((u) => f.path === u.path || f.path.startsWith(u.path + ".") || f.path.startsWith(u.path + "["));
        return named ? { owner: f.owner, path: f.path, position: f.position, fate: "not-carried" as const, detail: named.summary } : f;
      });
      this.record(fates);
    }
    this.report("info", `Converted ${c.kind}/${c.id} into ${d.alloyName}.${label}`, c.position);
  }

  /**
   * Settings of components the service does not use, then one diagnostic per setting that reached no output and
   * no other diagnostic, and one summary line.
   */
  private reportLedger(cfg: OtelConfig): void {
    const { used, profilesOnly } = serviceUses(cfg);
    for (const [, kind] of SECTIONS) {
      for (const c of cfg.components[kind].values()) {
        const owner = `${c.kind}/${c.id}`;
        if (used.has(owner)) continue;
        if (profilesOnly.has(owner)) {
          this.report("warning", `${owner} is used only by profiles pipelines and was not converted`, c.position, ConvertCode.profiles);
          this.record(uniformFates(owner, c.config, "not-carried", "its component is used only by profiles pipelines"));
          continue;
        }
        const what = kind === "extension" ? "is not listed in service::extensions" : "is not used by any pipeline";
        this.report("info", `${owner} ${what}: the collector does not start it, so it was not converted`, c.position, ConvertCode.unusedComponent);
        this.record(uniformFates(owner, c.config, "unused", `${owner} ${what}`));
      }
    }
    const lost = this.ledger.filter((f) => f.fate === "not-carried");
    const severity = this.options.strict ? "error" : "warning";
    for (const f of lost) {
      if (!f.detail.startsWith("no setting of ")) continue; // already named by the component's own diagnostic
      this.report(severity, `${f.owner}: setting "${f.path}" is not carried: ${f.detail}; set its equivalent by hand or remove it`, f.position, ConvertCode.notCarried);
    }
    if (lost.length > 0) {
      const names = lost.slice(0, 5).map((f) => `${f.owner} ${f.path}`).join(", ");
      const more = lost.length > 5 ? ` and ${lost.length - 5} more` : "";
      this.report(severity, `${lost.length} setting${lost.length === 1 ? "" : "s"} not carried: ${names}${more}`, undefined, ConvertCode.summary);
    }
  }

  private checkDuplicateLabels(): void {
    const seen = new Set<string>();
    for (const key of this.file.labelled) {
      if (seen.has(key)) {
        this.report("critical",
          `duplicate label after conversion "${key}". this is due to how valid Alloy labels are assembled and can be avoided by updating named properties in the source config.`);
      }
      seen.add(key);
    }
  }
}

/**
 * Converts an OpenTelemetry Collector YAML configuration into Alloy text. Never throws: unexpected internal
 * failures become a Critical diagnostic.
 */
/** The position of a note's key path (`protocols.grpc.auth`): the deepest key of the path the YAML has. */
function notePosition(config: unknown, keys: readonly string[]): Position | undefined {
  let container = config;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = container instanceof Map ? container.get(keys[i]!) : undefined;
    if (!(next instanceof Map)) return positionOf(container, keys[i]);
    container = next;
  }
  return positionOf(container, keys[keys.length - 1]);
}

export function convertOtelcol(yamlText: string, options: ConvertOptions = {}): ConvertResult {
  const conversion = new Conversion(options);
  try {
    const output = conversion.run(yamlText);
    return { output, diagnostics: conversion.diagnostics, ledger: conversion.ledger };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      output: undefined,
      diagnostics: [...conversion.diagnostics, convertDiagnostic("critical", `internal converter error: ${message}`)],
      ledger: [],
    };
  }
}
