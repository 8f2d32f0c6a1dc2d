// runtime-lite throughput: spans/s through otlp → batch → attributes → capture in process, and over loopback
// OTLP/HTTP protobuf and OTLP/gRPC into `alloy run`'s server, each as a ratio to JSON.stringify + JSON.parse of the same spans
// measured in the same run; then the heap of a separate server process under sustained load with a memory_limiter
// in front of a batch that holds everything it receives (without the limiter the heap would grow with the load).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { Worker, isMainThread } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Engine, encodeExportRequest, generateTelemetry, graphFromAlloy, graphFromCollectorYaml, itemCount, startServer } from "../packages/runtime-lite/dist/index.js";
import { check, fmtRatio, table, time } from "./harness.mjs";

// The pipeline measured in process; test/runtime/throughput.test.ts checks what it delivers.
const IN_PROCESS_CONFIG = readFileSync(new URL("../fixtures/telemetry/otlp-batch-attributes.alloy", import.meta.url), "utf8");

const LOOPBACK_CONFIG = `
receivers:
  otlp:
    protocols:
      http:
processors:
  batch:
  attributes:
    actions:
      - { key: env, value: prod, action: upsert }
      - { key: account_password, action: delete }
exporters:
  nop:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch, attributes]
      exporters: [nop]
`;

const memoryConfig = (limitMiB) => `
receivers:
  otlp:
    protocols:
      http:
processors:
  memory_limiter:
    check_interval: 20ms
    limit_mib: ${limitMiB}
    spike_limit_mib: 16
  batch:
    timeout: 1h
    send_batch_size: 1000000000
exporters:
  nop:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [nop]
`;

/** Requests of `perRequest` spans, one resource each, cut from the generated set (realistic SDK batch sizes). */
function requests(count, perRequest) {
  const pool = [];
  for (const data of generateTelemetry(11, 40).traces)
    for (const rs of data.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) pool.push({ resource: rs.resource, scope: ss.scope, span });
  const out = [];
  for (let r = 0; r < count; r++) {
    const spans = [];
    for (let k = 0; k < perRequest; k++) {
      // Distinct objects and span IDs: no two spans in the set share anything.
      const span = structuredClone(pool[(r * perRequest + k) % pool.length].span);
      span.spanId = (r * perRequest + k).toString(16).padStart(16, "0");
      spans.push(span);
    }
    const first = pool[(r * perRequest) % pool.length];
    out.push({ signal: "traces", data: { resourceSpans: [{ resource: structuredClone(first.resource), scopeSpans: [{ scope: structuredClone(first.scope), spans }] }] } });
  }
  return out;
}

const spansOf = (payloads) => payloads.reduce((n, t) => n + itemCount(t), 0);
const perSecond = (n, ms) => Math.round(n / (ms / 1000));
const fmt = (n) => n.toLocaleString("en-US");
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;

/** Median ms of JSON.stringify + JSON.parse of every payload. */
const jsonRoundTrip = (payloads) => time(() => {
  for (const p of payloads) JSON.parse(JSON.stringify(p.data));
}, { runs: 5, warmup: 1 });

function inProcess(payloads) {
  const graph = graphFromAlloy(IN_PROCESS_CONFIG, { env: {} });
  const samples = [];
  for (let i = 0; i < 9; i++) {
    // The engine owns and edits what it receives, so every round gets fresh copies (made outside the timing).
    const copies = structuredClone(payloads);
    globalThis.gc?.();
    const t0 = performance.now();
    const engine = new Engine(graph, { capture: true });
    for (const p of copies) engine.receive("otelcol.receiver.otlp.default", p);
    void engine.shutdown();
    const dt = performance.now() - t0;
    if (spansOf(engine.captured("otelcol.exporter.otlp.default")) !== spansOf(payloads)) throw new Error("spans lost in process");
    if (i >= 2) samples.push(dt);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/**
 * Runs the OTLP/HTTP client (bench/otlp-client.mjs) in a worker thread so it does not share the server's event
 * loop; it reports the statuses and the time from its first request to its last response.
 */
function client(url, bodies, { concurrency = 4, repeat = 1, durationMs = 0, spansPerSecond = 0, spansPerBody = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./otlp-client.mjs", import.meta.url), { workerData: { url, bodies, concurrency, repeat, durationMs, spansPerSecond, spansPerBody } });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

/** The OTLP/gRPC client (bench/otlp-grpc-client.mjs) in a worker thread; `spansPerSecond` paces it. */
function grpcClient(address, bodies, { concurrency = 4, repeat = 1, durationMs = 0, spansPerSecond = 0, spansPerBody = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./otlp-grpc-client.mjs", import.meta.url), { workerData: { address, bodies, concurrency, repeat, durationMs, spansPerSecond, spansPerBody } });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

const GRPC_CONFIG = LOOPBACK_CONFIG.replace("      http:", "      grpc:");

async function loopbackGrpc(payloads) {
  const engine = new Engine(graphFromCollectorYaml(GRPC_CONFIG, { env: {} }), { live: true });
  const server = await startServer({ engine, port: 0, grpcAddress: "127.0.0.1:0" });
  const bodies = payloads.map((p) => encodeExportRequest(p));
  await grpcClient(server.grpcAddress, bodies.slice(0, 10)); // warm-up
  const repeat = 3;
  const r = await grpcClient(server.grpcAddress, bodies, { repeat });
  await server.close();
  if (r.statuses.OK !== bodies.length * repeat) throw new Error(`loopback gRPC: ${JSON.stringify(r.statuses)}`);
  return { ms: r.elapsedMs, spans: spansOf(payloads) * repeat, bytes: bodies.reduce((n, b) => n + b.length, 0) * repeat };
}

/**
 * CPU of a separate server process while a paced client sends 10,000 spans/s for 5 s (the collector testbed's
 * OTLP load), as a share of one core: the server's own user + system time over the window.
 */
async function cpuAt10k(payloads, protocol, { durationMs = 5000, paced = true } = {}) {
  const child = fork(fileURLToPath(import.meta.url), ["--cpu-server", protocol], { stdio: "inherit" });
  const message = () => new Promise((resolve, reject) => (child.once("message", resolve), child.once("error", reject)));
  const { url, grpcAddress } = await message();
  const small = requests(200, 50);
  const bodies = small.map((p) => encodeExportRequest(p));
  const options = { durationMs, spansPerSecond: paced ? 10_000 : 0, spansPerBody: 50, concurrency: 4 };
  child.send("start");
  await message();
  const r = protocol === "grpc" ? await grpcClient(grpcAddress, bodies, options) : await client(`${url}/v1/traces`, bodies, options);
  child.send("stop");
  const { cpuMs, wallMs, heap } = await message();
  child.disconnect();
  return { share: cpuMs / wallMs, spansPerSecond: perSecond(r.sent * 50, r.elapsedMs), statuses: r.statuses, heap };
}

/** The server side of `cpuAt10k`, run in the child process. */
async function cpuServer(protocol) {
  const engine = new Engine(graphFromCollectorYaml(protocol === "grpc" ? GRPC_CONFIG : LOOPBACK_CONFIG, { env: {} }), { live: true, log: () => undefined });
  const server = await startServer({ engine, port: 0, grpcAddress: protocol === "grpc" ? "127.0.0.1:0" : undefined });
  process.send({ url: server.url, grpcAddress: server.grpcAddress });
  await new Promise((resolve) => process.once("message", resolve));
  const used = () => {
    const h = getHeapStatistics();
    return h.used_heap_size + h.external_memory;
  };
  const start = used();
  let peak = start;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  process.send("started");
  await new Promise((resolve) => process.once("message", resolve));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  clearInterval(sampler);
  await server.close();
  process.send({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, heap: { start, peak, peakRss } });
}

async function loopback(payloads) {
  const engine = new Engine(graphFromCollectorYaml(LOOPBACK_CONFIG, { env: {} }), { live: true });
  const server = await startServer({ engine, port: 0 });
  const bodies = payloads.map((p) => encodeExportRequest(p));
  await client(`${server.url}/v1/traces`, bodies.slice(0, 10)); // warm-up
  const repeat = 3;
  const r = await client(`${server.url}/v1/traces`, bodies, { repeat });
  const dt = r.elapsedMs;
  await server.close();
  if (r.statuses["200"] !== bodies.length * repeat) throw new Error(`loopback: ${JSON.stringify(r.statuses)}`);
  return { ms: dt, spans: spansOf(payloads) * repeat, bytes: bodies.reduce((n, b) => n + b.length, 0) * repeat };
}

/**
 * Sustained load into a separate server process (`--expose-gc`, as a memory-bounded `alloy run` would be
 * started), so the bench's own payloads and the client are not counted: the limit is the server's heap at start
 * plus 64 MiB, and the server samples its own heap (V8 heap in use plus external buffers, what memory_limiter
 * reads) every 5 ms, then again after shutdown and a full collection.
 */
async function memory(payloads) {
  const child = fork(fileURLToPath(import.meta.url), ["--memory-server"], { execArgv: ["--expose-gc"], stdio: "inherit" });
  const message = () => new Promise((resolve, reject) => (child.once("message", resolve), child.once("error", reject)));
  const { url, before, limitMiB } = await message();
  const bodies = payloads.map((p) => encodeExportRequest(p));
  const r = await client(`${url}/v1/traces`, bodies, { durationMs: 4000 });
  child.send("stop");
  const { peak, during, after } = await message();
  child.disconnect();
  return { before, peak, during, after, limitMiB, statuses: r.statuses, requests: r.sent };
}

/** The server side of `memory`, run in the child process. */
async function memoryServer() {
  const used = () => {
    const h = getHeapStatistics();
    return h.used_heap_size + h.external_memory;
  };
  globalThis.gc?.();
  const before = used();
  const limitMiB = Math.ceil(before / 1048576) + 64;
  const engine = new Engine(graphFromCollectorYaml(memoryConfig(limitMiB), { env: {} }), { live: true, log: () => undefined });
  const server = await startServer({ engine, port: 0 });
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
  process.send({ url: server.url, before, limitMiB });
  await new Promise((resolve) => process.once("message", resolve));
  clearInterval(sampler);
  peak = Math.max(peak, used());
  const during = used();
  await server.close();
  globalThis.gc?.();
  process.send({ peak, during, after: used() });
}

export async function run(options = {}) {
  console.log("\n## Runtime: spans through otlp → batch → attributes (goals: ≥ 200,000 spans/s in process, ≥ 50,000 spans/s over loopback OTLP/HTTP protobuf and OTLP/gRPC; server CPU ≤ 20% of a core per 10,000 spans/s)\n");
  const payloads = requests(40, 250);
  const spans = spansOf(payloads);
  const tJson = jsonRoundTrip(payloads);
  const tIn = inProcess(payloads);
  const lb = await loopback(payloads);
  const lbGrpc = await loopbackGrpc(payloads);
  if (options.loopbackOnly) return;
  const jsonRate = perSecond(spans, tJson);
  const inRate = perSecond(spans, tIn);
  const lbRate = perSecond(lb.spans, lb.ms);
  table(
    ["path", "spans", "spans/s", "vs JSON round trip", "goal"],
    [
      ["JSON.stringify + JSON.parse", fmt(spans), fmt(jsonRate), "1.00×", ""],
      ["in process → capture", fmt(spans), fmt(inRate), fmtRatio(inRate / jsonRate), `≥ 200,000 ${check(inRate >= 200_000)}`],
      [`loopback OTLP/HTTP protobuf (${(lb.bytes / lb.spans).toFixed(0)} B/span)`, fmt(lb.spans), fmt(lbRate), fmtRatio(lbRate / jsonRate), `≥ 50,000 ${check(lbRate >= 50_000)}`],
      [`loopback OTLP/gRPC (${(lbGrpc.bytes / lbGrpc.spans).toFixed(0)} B/span)`, fmt(lbGrpc.spans), fmt(perSecond(lbGrpc.spans, lbGrpc.ms)), fmtRatio(perSecond(lbGrpc.spans, lbGrpc.ms) / jsonRate), `≥ 50,000 ${check(perSecond(lbGrpc.spans, lbGrpc.ms) >= 50_000)}`],
    ],
  );
  const cpuHttp = await cpuAt10k(payloads, "http");
  const cpuGrpc = await cpuAt10k(payloads, "grpc");
  console.log("");
  table(
    ["server CPU under a paced load", "spans/s sent", "share of one core", "per 10,000 spans/s", "goal"],
    [
      ["OTLP/HTTP protobuf, 50-span requests at 10,000 spans/s", fmt(cpuHttp.spansPerSecond), `${(cpuHttp.share * 100).toFixed(1)}%`, `${((cpuHttp.share * 100 * 10_000) / cpuHttp.spansPerSecond).toFixed(1)}%`, `≤ 20% ${check((cpuHttp.share * 10_000) / cpuHttp.spansPerSecond <= 0.2)}`],
      ["OTLP/gRPC, 50-span requests at 10,000 spans/s", fmt(cpuGrpc.spansPerSecond), `${(cpuGrpc.share * 100).toFixed(1)}%`, `${((cpuGrpc.share * 100 * 10_000) / cpuGrpc.spansPerSecond).toFixed(1)}%`, `≤ 20% ${check((cpuGrpc.share * 10_000) / cpuGrpc.spansPerSecond <= 0.2)}`],
    ],
  );
  // Memory under a sustained unpaced OTLP/gRPC load (otlp → batch → attributes → nop): the heap must stay
  // bounded, not grow with the time under load. BENCH_SOAK_MS shortens it (default 60 s).
  const soakMs = Number(process.env.BENCH_SOAK_MS ?? 60_000);
  const soak = await cpuAt10k(payloads, "grpc", { durationMs: soakMs, paced: false });
  console.log(
    `\nsustained OTLP/gRPC load for ${soakMs / 1000} s: ${fmt(soak.spansPerSecond)} spans/s (${Object.entries(soak.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")}); server heap at start ${mib(soak.heap.start)}, peak ${mib(soak.heap.peak)}, peak RSS ${mib(soak.heap.peakRss)}; heap peak within start + 128 MiB: ${check(soak.heap.peak <= soak.heap.start + 128 * 1048576)}`,
  );
  const m = await memory(payloads);
  console.log(
    `\nsustained load for 4 s into memory_limiter (limit ${m.limitMiB} MiB, spike 16 MiB, server heap at start + 64 MiB) → batch holding everything: ${fmt(m.requests)} requests (${Object.entries(m.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")})`,
  );
  console.log(`server heap before ${mib(m.before)}, peak ${mib(m.peak)}, at the end of the load ${mib(m.during)}, after shutdown ${mib(m.after)}; peak within the limit: ${check(m.peak <= m.limitMiB * 1048576 * 1.1)}, back near the start after shutdown: ${check(m.after <= m.before + 16 * 1048576)}`);
}

if (isMainThread && process.argv[2] === "--memory-server") await memoryServer();
else if (isMainThread && process.argv[2] === "--cpu-server") await cpuServer(process.argv[3]);
else if (isMainThread && process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await run();
