// OTLP/HTTP load client, run in a worker thread by bench/runtime.mjs so that it does not share the server's event
// loop. It posts the given protobuf bodies over keep-alive connections, counts response statuses, and times its
// requests itself (first send to last response), so loading the worker is not part of the measured window.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

const { url, bodies, concurrency, repeat, durationMs, spansPerSecond, spansPerBody } = workerData;
// With spansPerSecond, requests are paced to that rate (the CPU measurement) instead of sent as fast as possible.
const interval = spansPerSecond ? (1000 * spansPerBody) / spansPerSecond : 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let next = 0;
let sent = 0;
const post = (body) =>
  new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/x-protobuf", "content-length": body.length } }, (res) => {
      res.resume();
      res.on("end", () => resolve(String(res.statusCode)));
    });
    req.on("error", () => resolve("error"));
    req.end(body);
  });
const start = performance.now();
const deadline = durationMs ? start + durationMs : Infinity;
const lane = async () => {
  for (;;) {
    const n = next++;
    const i = durationMs ? n % bodies.length : n;
    if (durationMs ? performance.now() > deadline : i >= bodies.length * repeat) return;
    if (interval) {
      const wait = start + n * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const b = bodies[i % bodies.length];
    const s = await post(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    sent++;
    statuses[s] = (statuses[s] ?? 0) + 1;
    if (s === "503") await new Promise((r) => setTimeout(r, 5)); // back off as exporters do
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
const elapsedMs = performance.now() - start;
agent.destroy();
parentPort.postMessage({ statuses, sent, elapsedMs });
