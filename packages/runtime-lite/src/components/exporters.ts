/** Exporters and receivers: otlp receiver, capture, debug, file, otlphttp and otlp (sent over OTLP/HTTP). */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { itemCount, type Telemetry } from "../pdata/types.js";
import { encodeExportRequest } from "../pdata/otlp-proto.js";
import { asRecord, durationMs, type ComponentFactory } from "./api.js";

/** The OTLP receiver: data handed to it (by the HTTP server or a verification run) goes to its outputs unchanged. */
export const otlpReceiver: ComponentFactory = {
  kind: "receiver",
  type: "otlp",
  signals: ["traces", "metrics", "logs"],
  create: (_c, ctx) => ({ consume: (t) => ctx.emit(t) }),
};

/** Keeps every payload it receives, for comparison (the verification sink). */
export class CaptureExporter {
  readonly received: Telemetry[] = [];
  consume(t: Telemetry): void {
    this.received.push(t);
  }
}

export const nopExporter: ComponentFactory = {
  kind: "exporter",
  type: "nop",
  signals: ["traces", "metrics", "logs"],
  create: () => ({ consume: () => undefined }),
};

/** debug exporter: a summary line per payload (`basic`), or the payload as JSON (`detailed`). */
export const debugExporter: ComponentFactory = {
  kind: "exporter",
  type: "debug",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const verbosity = String(config.verbosity ?? "basic").toLowerCase();
    return {
      consume(t) {
        if (verbosity === "none") return;
        const unit = t.signal === "traces" ? "spans" : t.signal === "metrics" ? "data points" : "log records";
        ctx.log(`${ctx.id}: ${t.signal} ${itemCount(t)} ${unit}`);
        if (verbosity === "detailed") ctx.log(JSON.stringify(t.data));
      },
    };
  },
};

/** file exporter: one OTLP/JSON line per payload, appended to `path` (format `json`). */
export const fileExporter: ComponentFactory = {
  kind: "exporter",
  type: "file",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const file = String(config.path ?? "");
    if (!file) return { unsupported: "file exporter without path" };
    const format = String(config.format ?? "json");
    if (format !== "json") return { unsupported: `file format ${format}` };
    if (config.rotation !== undefined || config.compression) return { unsupported: "rotation/compression" };
    let ready = false;
    return {
      consume(t) {
        if (!ready) {
          mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
          ready = true;
        }
        try {
          appendFileSync(file, `${JSON.stringify(t.data)}\n`);
        } catch (e) {
          ctx.log(`${ctx.id}: cannot write ${file}: ${(e as Error).message}`);
        }
      },
    };
  },
};

const SIGNAL_PATH = { traces: "v1/traces", metrics: "v1/metrics", logs: "v1/logs" } as const;

function httpExporter(type: string): ComponentFactory {
  return {
    kind: "exporter",
    type,
    signals: ["traces", "metrics", "logs"],
    create(config, ctx) {
      const endpoint = String(config.endpoint ?? "");
      if (!endpoint) return { unsupported: "exporter without endpoint" };
      const base = /^https?:\/\//.test(endpoint) ? endpoint : `http://${endpoint}`;
      const json = config.encoding === "json";
      const headers = Object.fromEntries(Object.entries(asRecord(config.headers)).map(([k, v]) => [k, String(v)]));
      const timeout = durationMs(config.timeout, type === "otlp" ? 5000 : 30000);
      const perSignal = (s: keyof typeof SIGNAL_PATH) => {
        const explicit = config[`${s}_endpoint`];
        return typeof explicit === "string" && explicit ? explicit : `${base.replace(/\/$/, "")}/${SIGNAL_PATH[s]}`;
      };
      return {
        consume(t) {
          const body = json ? JSON.stringify(t.data) : encodeExportRequest(t);
          const p = fetch(perSignal(t.signal), {
            method: "POST",
            headers: { ...headers, "content-type": json ? "application/json" : "application/x-protobuf" },
            body,
            signal: AbortSignal.timeout(timeout),
          })
            .then((r) => {
              if (!r.ok) ctx.log(`${ctx.id}: export failed with HTTP ${r.status}`);
            })
            .catch((e: Error) => ctx.log(`${ctx.id}: export failed: ${e.message}`));
          ctx.track(p);
        },
      };
    },
  };
}

export const otlphttpExporter = httpExporter("otlphttp");
/** The gRPC exporter is approximated by OTLP/HTTP protobuf to the same endpoint (no gRPC stack here). */
export const otlpExporter = httpExporter("otlp");
