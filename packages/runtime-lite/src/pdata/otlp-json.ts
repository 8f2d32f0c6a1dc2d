/**
 * OTLP/JSON input: parses a request body or a file of payloads, checks it field by field (otlp-json-check.ts) and
 * normalises it to the model's conventions (64-bit integers as decimal strings, IDs as lowercase hex, lists
 * present). Never throws.
 */
import { SIGNALS, type Signal, type Telemetry, type TelemetrySet } from "./types.js";
import { requestSchema } from "./otlp-proto.js";
import { checkOtlpJson } from "./otlp-json-check.js";

const ROOT: Record<Signal, string> = { traces: "resourceSpans", metrics: "resourceMetrics", logs: "resourceLogs" };

function fill(data: Record<string, unknown>, signal: Signal): void {
  const [scopeKey, itemKey] =
    signal === "traces" ? ["scopeSpans", "spans"] : signal === "metrics" ? ["scopeMetrics", "metrics"] : ["scopeLogs", "logRecords"];
  for (const r of data[ROOT[signal]] as Record<string, unknown>[]) {
    if (!r || typeof r !== "object") throw new Error(`${ROOT[signal]} entries must be objects`);
    const res = (r.resource ??= { attributes: [] }) as Record<string, unknown>;
    res.attributes ??= [];
    const scopes = (r[scopeKey] ??= []) as Record<string, unknown>[];
    for (const s of scopes) {
      const items = (s[itemKey] ??= []) as Record<string, unknown>[];
      for (const it of items) {
        it.attributes ??= [];
        if (signal === "metrics")
          for (const kind of ["gauge", "sum", "histogram", "exponentialHistogram", "summary"]) {
            const d = it[kind] as Record<string, unknown> | undefined;
            if (d) for (const p of (d.dataPoints ??= []) as Record<string, unknown>[]) p.attributes ??= [];
          }
        if (signal === "traces") for (const e of (it.events ?? []) as Record<string, unknown>[]) e.attributes ??= [];
      }
    }
  }
}

/** Parses one OTLP/JSON export request for a signal. */
export function parseOtlpJson(signal: Signal, text: string): Telemetry | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
  return fromJsonValue(signal, doc);
}

/** Validates and normalises an already-parsed OTLP/JSON request. */
export function fromJsonValue(signal: Signal, doc: unknown): Telemetry | { error: string } {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { error: "request body must be a JSON object" };
  const checked = checkOtlpJson(requestSchema(signal), doc);
  if ("error" in checked) return checked;
  try {
    const data = checked.data;
    data[ROOT[signal]] ??= [];
    fill(data, signal);
    return { signal, data } as unknown as Telemetry;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Reads a telemetry file: a JSON object with any of resourceSpans/resourceMetrics/resourceLogs, a JSON array of
 * such objects, or JSON lines (what the file exporter writes).
 */
export function parseTelemetryFile(text: string): TelemetrySet | { error: string } {
  const docs: unknown[] = [];
  try {
    const whole = JSON.parse(text);
    docs.push(...(Array.isArray(whole) ? whole : [whole]));
  } catch {
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        docs.push(JSON.parse(line));
      } catch (e) {
        return { error: `invalid JSON line: ${(e as Error).message}` };
      }
    }
  }
  const set: TelemetrySet = { traces: [], metrics: [], logs: [] };
  for (const d of docs) {
    for (const s of SIGNALS) {
      if (!d || typeof d !== "object" || !(ROOT[s] in d)) continue;
      const t = fromJsonValue(s, d);
      if ("error" in t) return t;
      (set[s] as unknown[]).push(t.data);
    }
  }
  return set;
}
