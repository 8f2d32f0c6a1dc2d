// Deterministic generators of realistic inputs for the benchmarks (same seed → same bytes).

/** An Alloy configuration of about `bytes` bytes: components with nested blocks, lists, objects and comments. */
export function generateAlloy(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = `// Exporter ${i}: forwards to backend ${i % 7}.
otelcol.exporter.otlp "backend_${i}" {
\tclient {
\t\tendpoint = "collector-${i}.example.com:4317"
\t\theaders  = {
\t\t\t"x-tenant"  = "team-${i % 13}",
\t\t\tauthorization = sys.env("TOKEN_${i}"),
\t\t}
\t\ttls {
\t\t\tinsecure = ${i % 2 === 0 ? "true" : "false"}
\t\t}
\t}
\ttimeout = "${(i % 30) + 1}s"
\tsending_queue {
\t\tqueue_size = ${1000 + i}
\t}
}

otelcol.processor.batch "b_${i}" {
\ttimeout         = "200ms"
\tsend_batch_size = ${8192 + (i % 100) * 2}
\tmetadata_keys   = ["a", "b", "c_${i}"]

\toutput {
\t\tmetrics = [otelcol.exporter.otlp.backend_${i}.input]
\t\ttraces  = [otelcol.exporter.otlp.backend_${i}.input] // fan-in
\t}
}

`;
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

/** A JSON document of about `bytes` bytes with a similar shape, for the JSON.parse baseline. */
export function generateJson(bytes) {
  const items = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const s = JSON.stringify({
      kind: "otelcol.exporter.otlp",
      label: `backend_${i}`,
      client: { endpoint: `collector-${i}.example.com:4317`, headers: { "x-tenant": `team-${i % 13}` }, tls: { insecure: i % 2 === 0 } },
      timeout: `${(i % 30) + 1}s`,
      sending_queue: { queue_size: 1000 + i },
      batch: { timeout: "200ms", send_batch_size: 8192 + (i % 100) * 2, metadata_keys: ["a", "b", `c_${i}`] },
    });
    items.push(s);
    size += s.length + 1;
  }
  return `[${items.join(",")}]`;
}
