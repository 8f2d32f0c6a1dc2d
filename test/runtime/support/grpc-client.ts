/** A minimal OTLP/gRPC trace client for tests: sends spans with known names and reports each call's status. */
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { encodeExportRequest, type Telemetry } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../../support/shared.js";

const grpc = createRequire(path.join(repoRoot, "packages", "runtime-lite", "package.json"))("@grpc/grpc-js");
const TRACE_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
const identity = (b: Buffer) => b;

/** A trace payload of spans named `names`, in one resource and scope. */
export function spansNamed(names: string[]): Telemetry {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");
  return {
    signal: "traces",
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "grpc-test-client" } }] },
          scopeSpans: [
            {
              scope: { name: "test" },
              spans: names.map((name, i) => ({
                traceId: hex(i + 1, 32),
                spanId: hex(i + 1, 16),
                name,
                kind: 1,
                startTimeUnixNano: "1700000000000000000",
                endTimeUnixNano: "1700000000001000000",
                attributes: [],
              })),
            },
          ],
        },
      ],
    },
  } as unknown as Telemetry;
}

export interface TraceClient {
  /** Resolves with the gRPC status code (0 = OK) and its details. */
  send(t: Telemetry, metadata?: Record<string, string>): Promise<{ code: number; details: string }>;
  close(): void;
}

export function traceClient(address: string, options: { ca?: Buffer } = {}): TraceClient {
  const creds = options.ca ? grpc.credentials.createSsl(options.ca) : grpc.credentials.createInsecure();
  const client = new grpc.Client(address, creds);
  return {
    send(t, metadata = {}) {
      const md = new grpc.Metadata();
      for (const [k, v] of Object.entries(metadata)) md.set(k, v);
      return new Promise((resolve) => {
        client.makeUnaryRequest(TRACE_PATH, identity, identity, Buffer.from(encodeExportRequest(t)), md, { deadline: Date.now() + 5000 }, (err: { code: number; details: string } | null) =>
          resolve(err ? { code: err.code, details: err.details } : { code: 0, details: "" }),
        );
      });
    },
    close: () => client.close(),
  };
}

/** A loopback port that was free a moment ago (for a server that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
