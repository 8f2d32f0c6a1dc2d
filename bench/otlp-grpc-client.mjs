// OTLP/gRPC load client (TraceService/Export over @grpc/grpc-js, bodies already encoded), run in a worker thread by
// bench/runtime.mjs like the OTLP/HTTP one: `concurrency` calls in flight, statuses counted, timed by itself. With
// `spansPerSecond` it paces the calls to that rate instead of sending as fast as it can.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

const grpc = createRequire(new URL("../packages/runtime-lite/package.json", import.meta.url))("@grpc/grpc-js");
const { address, bodies, concurrency, repeat, durationMs, spansPerSecond, spansPerBody } = workerData;
const client = new grpc.Client(address, grpc.credentials.createInsecure());
const identity = (b) => b;
const statuses = {};
let next = 0;
let sent = 0;
const call = (body) =>
  new Promise((resolve) =>
    client.makeUnaryRequest("/opentelemetry.proto.collector.trace.v1.TraceService/Export", identity, identity, body, new grpc.Metadata(), {}, (err) =>
      resolve(err ? grpc.status[err.code] : "OK"),
    ),
  );
const start = performance.now();
const deadline = durationMs ? start + durationMs : Infinity;
const interval = spansPerSecond ? (1000 * spansPerBody) / spansPerSecond : 0;
const lane = async () => {
  for (;;) {
    const i = next++;
    if (durationMs ? performance.now() > deadline : i >= bodies.length * repeat) return;
    if (interval) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const b = bodies[i % bodies.length];
    const s = await call(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    sent++;
    statuses[s] = (statuses[s] ?? 0) + 1;
    if (s === "UNAVAILABLE") await new Promise((r) => setTimeout(r, 5));
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
const elapsedMs = performance.now() - start;
client.close();
parentPort.postMessage({ statuses, sent, elapsedMs });
