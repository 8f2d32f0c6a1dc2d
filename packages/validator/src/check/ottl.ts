/**
 * OTTL statements and conditions inside Alloy components: each string of the fields listed below is parsed
 * and checked with the shared OTTL checker (@alloy-ts/otel), and a problem is reported at the character it
 * is about inside the string literal. Upstream fails the component at load with the same problem.
 */
import { unquote, unquoteWithOffsets, type Attribute, type Block, type Expr, type LiteralExpr, type Range, type Statement } from "@alloy-ts/grammar";
import { ottl } from "@alloy-ts/otel";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";

type Ctx = ottl.ContextName;

const TRACE: readonly Ctx[] = ["resource", "scope", "span", "spanevent"];
const METRIC: readonly Ctx[] = ["resource", "scope", "metric", "datapoint"];
const LOG: readonly Ctx[] = ["resource", "scope", "log"];

/** One OTTL field: its attribute, whether it holds statements or conditions, and its context. */
interface Field {
  readonly attr: string;
  readonly kind: "statement" | "condition";
  /** A fixed context, or the contexts the block's `context` attribute (or inference) chooses from. */
  readonly context: Ctx | readonly Ctx[];
}

const group = (contexts: readonly Ctx[]): readonly Field[] => [
  { attr: "statements", kind: "statement", context: contexts },
  { attr: "conditions", kind: "condition", context: contexts },
];
const conditions = (context: Ctx | readonly Ctx[]): readonly Field[] => [{ attr: "conditions", kind: "condition", context }];

/** Per component, the blocks (by name, at any depth) whose attributes are OTTL. */
const OTTL_FIELDS: Readonly<Record<string, Readonly<Record<string, readonly Field[]>>>> = {
  "otelcol.processor.transform": {
    trace_statements: group(TRACE),
    metric_statements: group(METRIC),
    log_statements: group(LOG),
    statements: [
      { attr: "trace", kind: "statement", context: TRACE },
      { attr: "metric", kind: "statement", context: METRIC },
      { attr: "log", kind: "statement", context: LOG },
    ],
  },
  "otelcol.processor.filter": {
    traces: [
      { attr: "span", kind: "condition", context: "span" },
      { attr: "spanevent", kind: "condition", context: "spanevent" },
    ],
    metrics: [
      { attr: "metric", kind: "condition", context: "metric" },
      { attr: "datapoint", kind: "condition", context: "datapoint" },
    ],
    logs: [{ attr: "log_record", kind: "condition", context: "log" }],
    trace_conditions: conditions(TRACE),
    metric_conditions: conditions(METRIC),
    log_conditions: conditions(LOG),
  },
  "otelcol.processor.tail_sampling": {
    ottl_condition: [
      { attr: "span", kind: "condition", context: "span" },
      { attr: "spanevent", kind: "condition", context: "spanevent" },
    ],
  },
  "otelcol.connector.count": {
    spans: conditions("span"),
    spanevents: conditions("spanevent"),
    metrics: conditions("metric"),
    datapoints: conditions("datapoint"),
    logs: conditions("log"),
  },
  "otelcol.connector.signaltometrics": {
    spans: conditions("span"),
    datapoints: conditions("datapoint"),
    logs: conditions("log"),
  },
};

/** Whether a component has OTTL fields. */
export const hasOttl = (component: string): boolean => Object.hasOwn(OTTL_FIELDS, component);

function attrOf(body: readonly Statement[], name: string): Attribute | undefined {
  return body.find((s): s is Attribute => s.kind === "Attribute" && s.name === name);
}

/** The string literals of an attribute: itself, or the elements of its list. */
function stringsOf(e: Expr): LiteralExpr[] {
  if (e.kind === "Literal") return e.literal === "string" ? [e] : [];
  if (e.kind === "Array") return e.elements.flatMap((x) => (x.kind === "Literal" && x.literal === "string" ? [x] : []));
  return [];
}

function contextOf(body: readonly Statement[], allowed: readonly Ctx[]): Ctx | undefined | "invalid" {
  const a = attrOf(body, "context");
  if (!a) return undefined;
  const [lit] = stringsOf(a.value);
  if (!lit || a.value.kind !== "Literal") return "invalid";
  const v = unquote(lit.raw);
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as Ctx) : "invalid";
}

function checkLiteral(lit: LiteralExpr, f: Field, context: Ctx | undefined, contexts: readonly Ctx[], editors: ottl.EditorSet, file: string, out: ValidationDiagnostic[]): void {
  const decoded = unquoteWithOffsets(lit.raw);
  if (decoded === undefined) return; // the literal does not scan: the parser has reported it
  const { value: src, offsets } = decoded;
  const at = (index: number) => lit.start + offsets[Math.min(Math.max(index, 0), src.length)]!;
  const opts = { context, contexts, editors };
  const problems = f.kind === "statement" ? ottl.checkStatement(src, opts) : ottl.checkCondition(src, opts);
  for (const p of problems) {
    const range: Range = { start: at(p.pos), end: at(p.end) };
    const what = f.kind === "statement" ? "statement" : "condition";
    out.push(makeDiag(file, range, `unable to parse OTTL ${what} ${JSON.stringify(src)}: ${p.message}`, Code.ottl));
  }
}

function walk(body: readonly Statement[], fields: Readonly<Record<string, readonly Field[]>>, file: string, out: ValidationDiagnostic[], depth: number): void {
  if (depth > 16) return;
  for (const s of body) {
    if (s.kind !== "Block") continue;
    const fs = fields[s.name];
    if (fs) {
      for (const f of fs) {
        const a = attrOf(s.body, f.attr);
        if (!a) continue;
        const contexts = typeof f.context === "string" ? [f.context] : f.context;
        const chosen = typeof f.context === "string" ? f.context : contextOf(s.body, f.context);
        // An invalid `context` value is the schema's enum error; OTTL is then checked without paths.
        const context = chosen === "invalid" ? undefined : chosen;
        for (const lit of stringsOf(a.value)) checkLiteral(lit, f, context, chosen === "invalid" ? [] : contexts, "transform", file, out);
      }
    }
    walk(s.body, fields, file, out, depth + 1);
  }
}

/** Diagnostics for the OTTL of one component block. */
export function checkOttl(block: Block, component: string, file: string): ValidationDiagnostic[] {
  const fields = OTTL_FIELDS[component];
  if (!fields) return [];
  const out: ValidationDiagnostic[] = [];
  walk(block.body, fields, file, out, 0);
  return out;
}
