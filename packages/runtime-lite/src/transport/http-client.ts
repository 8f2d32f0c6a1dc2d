/**
 * The OTLP/HTTP sender of the `otlphttp` exporter: POST of protobuf (or `encoding: json`) to
 * `<endpoint>/v1/<signal>` or a `<signal>_endpoint`, gzip by default as in the collector, `headers`, `auth`,
 * `tls` for https. Statuses 429/502/503/504 are retried (honouring `Retry-After`), others are permanent.
 */
import http from "node:http";
import https from "node:https";
import { gzipSync } from "node:zlib";
import { encodeExportRequest } from "../pdata/otlp-proto.js";
import type { Signal, Telemetry } from "../pdata/types.js";
import { asRecord } from "../components/api.js";
import type { ClientAuth } from "../auth/authenticators.js";
import { ExportError, HTTP_RETRYABLE } from "./status.js";
import { clientTls } from "./tls.js";

const SIGNAL_PATH: Record<Signal, string> = { traces: "v1/traces", metrics: "v1/metrics", logs: "v1/logs" };

/** Seconds or an HTTP date, as milliseconds from now. */
function retryAfterMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function httpSender(config: Record<string, unknown>, auth?: ClientAuth): { send(t: Telemetry, timeoutMs: number): Promise<void>; close(): void } {
  const endpoint = String(config.endpoint ?? "");
  const base = endpoint === "" ? "" : /^https?:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`;
  const urls = {} as Record<Signal, URL>;
  for (const s of ["traces", "metrics", "logs"] as Signal[]) {
    const explicit = config[`${s}_endpoint`];
    const u = typeof explicit === "string" && explicit ? explicit : base ? `${base.replace(/\/$/, "")}/${SIGNAL_PATH[s]}` : "";
    if (u) urls[s] = new URL(u);
  }
  if (Object.keys(urls).length === 0) throw new Error("exporter without endpoint");
  const json = config.encoding === "json";
  const compression = String(config.compression ?? "gzip").toLowerCase();
  if (!["gzip", "none", ""].includes(compression)) throw new Error(`compression ${compression} (only gzip and none are modelled)`);
  const headers = Object.fromEntries(Object.entries(asRecord(config.headers)).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const secure = Object.values(urls).some((u) => u.protocol === "https:");
  const tls = secure ? clientTls(config, "https") : undefined;
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true, ca: tls?.ca, cert: tls?.cert, key: tls?.key, servername: tls?.servername, rejectUnauthorized: tls?.verify ?? true }),
  };

  return {
    send(t, timeoutMs) {
      const url = urls[t.signal];
      if (!url) return Promise.reject(new ExportError(`no endpoint for ${t.signal}`, false));
      let body: Buffer = json ? Buffer.from(JSON.stringify(t.data)) : Buffer.from(encodeExportRequest(t));
      const h: Record<string, string> = { ...headers, ...(auth ? auth() : {}), "content-type": json ? "application/json" : "application/x-protobuf" };
      if (compression === "gzip") {
        body = gzipSync(body);
        h["content-encoding"] = "gzip";
      }
      h["content-length"] = String(body.length);
      const mod = url.protocol === "https:" ? https : http;
      return new Promise((resolve, reject) => {
        const req = mod.request(url, { method: "POST", headers: h, agent: agents[url.protocol as "http:" | "https:"], timeout: timeoutMs }, (res) => {
          res.resume();
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve();
            const retryable = HTTP_RETRYABLE.has(status);
            reject(new ExportError(`HTTP ${status} from ${url.host}${url.pathname}`, retryable, retryable ? retryAfterMs(res.headers["retry-after"] as string | undefined) : undefined));
          });
        });
        req.on("timeout", () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
        req.on("error", (e) => reject(new ExportError(e.message, true)));
        req.end(body);
      });
    },
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
