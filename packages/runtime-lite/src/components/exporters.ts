/** Exporters and receivers: otlp receiver, capture, debug, file, otlphttp (OTLP/HTTP) and otlp (OTLP/gRPC). */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { itemCount, type Telemetry } from "../pdata/types.js";
import { StartError, type ComponentFactory } from "./api.js";
import { authReference, clientAuth } from "../auth/authenticators.js";
import { grpcSender } from "../transport/grpc-client.js";
import { httpSender } from "../transport/http-client.js";
import { helperExporter, type Send } from "./exporter-helper.js";

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

/**
 * The network exporters: `otlphttp` over OTLP/HTTP and `otlp` over OTLP/gRPC, each behind the exporter helper
 * (queue, retries, timeout). Settings that cannot be honoured (an unmodelled authenticator, unreadable TLS
 * files, a persistent queue) stop `alloy run` from starting.
 */
function networkExporter(type: "otlp" | "otlphttp"): ComponentFactory {
  return {
    kind: "exporter",
    type,
    signals: ["traces", "metrics", "logs"],
    create(config, ctx) {
      if (!ctx.live) return { consume: () => undefined };
      const ref = authReference(config);
      let sender: { send: Send; close(): void };
      try {
        const auth = ref === undefined ? undefined : clientAuth(ctx.extensions, ref);
        sender = type === "otlp" ? grpcSender(config, ctx.log, ctx.id, auth) : httpSender(config, auth);
      } catch (e) {
        throw new StartError((e as Error).message);
      }
      const made = helperExporter(config, ctx, sender.send, type === "otlp" ? 5000 : 30000, sender.close);
      if ("unsupported" in made) throw new StartError(`${made.unsupported} is not modelled`);
      return made;
    },
  };
}

export const otlphttpExporter = networkExporter("otlphttp");
export const otlpExporter = networkExporter("otlp");
