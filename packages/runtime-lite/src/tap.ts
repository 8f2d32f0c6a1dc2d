/**
 * A look inside a running graph: per component and signal, the items it took in, the items it emitted and the
 * items refused (back-pressure), and the last N payloads it emitted (or, for an exporter, took in), as OTLP/JSON.
 * `alloy run --tap` serves it at `/-/tap` (JSON, or text with `?format=text`); `alloy verify --show` prints it for
 * one component. Recording costs a count per payload and a JSON copy of the kept ones, so it is off by default.
 */
import { itemCount, SIGNALS, type Signal, type Telemetry } from "./pdata/types.js";

export interface SignalCounts {
  in: number;
  out: number;
  refused: number;
}

export interface ComponentTap {
  kind: string;
  type: string;
  counts: Partial<Record<Signal, SignalCounts>>;
  /** Exporters behind the exporter helper: items sent, items dropped after failing, items queued so far. */
  exporter?: { sent: number; failed: number; refused: number; queued: number };
  /** The last payloads, newest last: what the component emitted (for exporters: what they received). */
  last: { signal: Signal; direction: "in" | "out"; items: number; data: unknown }[];
}

export class Tap {
  readonly components = new Map<string, ComponentTap>();
  constructor(readonly keep = 5) {}

  private entry(id: string): ComponentTap {
    let c = this.components.get(id);
    if (!c) this.components.set(id, (c = { kind: "", type: "", counts: {}, last: [] }));
    return c;
  }

  register(id: string, kind: string, type: string): void {
    const c = this.entry(id);
    c.kind = kind;
    c.type = type;
  }

  private counts(id: string, s: Signal): SignalCounts {
    const c = this.entry(id);
    return (c.counts[s] ??= { in: 0, out: 0, refused: 0 });
  }

  private remember(id: string, direction: "in" | "out", t: Telemetry, items: number): void {
    if (this.keep <= 0) return;
    const last = this.entry(id).last;
    last.push({ signal: t.signal, direction, items, data: JSON.parse(JSON.stringify(t.data)) });
    if (last.length > this.keep) last.shift();
  }

  in(id: string, t: Telemetry): void {
    const items = itemCount(t);
    this.counts(id, t.signal).in += items;
    if (this.entry(id).kind === "exporter") this.remember(id, "in", t, items);
  }

  out(id: string, t: Telemetry): void {
    const items = itemCount(t);
    this.counts(id, t.signal).out += items;
    this.remember(id, "out", t, items);
  }

  refused(id: string, t: Telemetry): void {
    this.counts(id, t.signal).refused += itemCount(t);
  }

  toJSON(): Record<string, ComponentTap> {
    return Object.fromEntries(this.components);
  }
}

/** The tap as text: one line per component and signal, then the kept payloads of `only` (all when not given). */
export function renderTap(tap: Record<string, ComponentTap>, options: { only?: string; payloads?: boolean } = {}): string {
  const lines: string[] = [];
  for (const [id, c] of Object.entries(tap)) {
    if (options.only !== undefined && id !== options.only) continue;
    const parts: string[] = [];
    for (const s of SIGNALS) {
      const n = c.counts[s];
      if (n) parts.push(`${s} in ${n.in} out ${n.out}${n.refused ? ` refused ${n.refused}` : ""}`);
    }
    if (c.exporter) parts.push(`sent ${c.exporter.sent} failed ${c.exporter.failed} queued ${c.exporter.queued}`);
    lines.push(`${id} (${c.kind} ${c.type}): ${parts.join("; ") || "no data"}`);
    if (options.payloads)
      for (const p of c.last) lines.push(`  ${p.direction === "in" ? "received" : "emitted"} ${p.signal} (${p.items} items): ${JSON.stringify(p.data)}`);
  }
  return `${lines.join("\n")}\n`;
}
