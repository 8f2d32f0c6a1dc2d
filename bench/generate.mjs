// Deterministic generators of realistic inputs for the benchmarks (same seed → same bytes).

/** An Alloy configuration of about `bytes` bytes: components with nested blocks, lists, objects and comments. */
export function generateAlloy(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = alloyItem(i);
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

/** The same kind of Alloy configuration as `generateAlloy`, cut by line count instead of size. */
export function generateAlloyLines(lines) {
  const parts = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const s = alloyItem(i);
    parts.push(s);
    count += s.split("\n").length - 1;
  }
  return parts.join("");
}

/** One exporter and the batch processor feeding it (32 lines). */
function alloyItem(i) {
  return `// Exporter ${i}: forwards to backend ${i % 7}.
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

/** Deterministic pseudo-random numbers (mulberry32), so a seed always gives the same configuration. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const indent = (text, n) => text.replace(/^(?=.)/gm, " ".repeat(n));

// Component templates of types the otelcol converter supports, with settings as real deployments write them.
// Each takes the group number and returns the YAML body (indented under the component ID later).
const RECEIVERS = [
  ["otlp", (i) => `protocols:\n  grpc:\n    endpoint: 0.0.0.0:${4317 + 2 * i}\n    max_recv_msg_size_mib: ${4 + (i % 4)}\n  http:\n    endpoint: 0.0.0.0:${4318 + 2 * i}\n    cors:\n      allowed_origins: ["https://app-${i}.example.com"]\n`, ["traces", "metrics", "logs"]],
  ["kafka", (i) => `brokers: ["kafka-${i % 3}.example.com:9092"]\ntopic: otlp_spans_${i}\ngroup_id: collector-${i}\nencoding: otlp_proto\n`, ["traces"]],
  ["zipkin", (i) => `endpoint: 0.0.0.0:${9411 + i}\n`, ["traces"]],
  ["filelog", (i) => `include: [/var/log/app-${i}/*.log]\nstart_at: beginning\ninclude_file_path: true\noperators:\n  - type: json_parser\n    timestamp:\n      parse_from: attributes.time\n      layout: "%Y-%m-%dT%H:%M:%S.%fZ"\n    severity:\n      parse_from: attributes.level\n`, ["logs"]],
];
const PROCESSORS = [
  ["memory_limiter", (i) => `check_interval: 1s\nlimit_mib: ${1000 + 100 * (i % 8)}\nspike_limit_mib: ${200 + 10 * (i % 5)}\n`, ["traces", "metrics", "logs"]],
  ["batch", (i) => `send_batch_size: ${1024 * (1 + (i % 8))}\nsend_batch_max_size: ${2048 * (1 + (i % 8))}\ntimeout: ${1 + (i % 10)}s\n`, ["traces", "metrics", "logs"]],
  ["attributes", (i) => `actions:\n  - key: deployment.environment\n    value: env-${i % 4}\n    action: upsert\n  - key: user.email\n    action: hash\n  - key: http.request.header.authorization\n    action: delete\n`, ["traces", "metrics", "logs"]],
  ["filter", (i) => `error_mode: ignore\ntraces:\n  span:\n    - attributes["url.path"] == "/healthz-${i}"\n    - attributes["http.route"] == "/ready"\n`, ["traces"]],
  ["transform", (i) => `error_mode: ignore\ntrace_statements:\n  - context: span\n    statements:\n      - set(attributes["team"], "team-${i % 13}") where attributes["team"] == nil\n      - truncate_all(attributes, 4096)\n`, ["traces"]],
  ["k8sattributes", (i) => `auth_type: serviceAccount\nextract:\n  metadata:\n    - k8s.namespace.name\n    - k8s.deployment.name\n    - k8s.pod.name\n  labels:\n    - tag_name: app\n      key: app.kubernetes.io/name\n      from: pod\npod_association:\n  - sources:\n      - from: resource_attribute\n        name: k8s.pod.ip\n`, ["traces", "metrics", "logs"]],
  ["tail_sampling", (i) => `decision_wait: ${5 + (i % 10)}s\nnum_traces: ${10000 * (1 + (i % 5))}\npolicies:\n  - name: errors\n    type: status_code\n    status_code:\n      status_codes: [ERROR]\n  - name: slow\n    type: latency\n    latency:\n      threshold_ms: ${250 + 50 * (i % 10)}\n  - name: baseline\n    type: probabilistic\n    probabilistic:\n      sampling_percentage: ${1 + (i % 20)}\n`, ["traces"]],
  ["probabilistic_sampler", (i) => `sampling_percentage: ${5 + (i % 50)}\n`, ["traces", "logs"]],
];
const EXPORTERS = [
  ["otlp", (i) => `endpoint: tempo-${i % 5}.observability.svc:4317\ntls:\n  insecure: ${i % 2 === 0}\nsending_queue:\n  queue_size: ${1000 + 100 * (i % 50)}\nretry_on_failure:\n  max_elapsed_time: ${1 + (i % 10)}m\n`, ["traces", "metrics", "logs"]],
  ["otlphttp", (i) => `endpoint: https://gateway-${i % 7}.example.com:4318\nheaders:\n  X-Scope-OrgID: tenant-${i}\ncompression: gzip\ntimeout: ${10 + (i % 20)}s\n`, ["traces", "metrics", "logs"]],
  ["kafka", (i) => `brokers: ["kafka-${i % 3}.example.com:9092"]\ntopic: otlp_out_${i}\nencoding: otlp_proto\n`, ["traces", "metrics", "logs"]],
  ["debug", () => `verbosity: basic\n`, ["traces", "metrics", "logs"]],
];
// Types without an Alloy component: the default conversion fails on them, the hybrid dialect keeps them.
const UNSUPPORTED_PROCESSORS = [
  ["groupbytrace", (i) => `wait_duration: ${1 + (i % 10)}s\nnum_traces: ${1000 * (1 + (i % 20))}\n`, ["traces"]],
  ["logdedup", (i) => `interval: ${10 + (i % 50)}s\nlog_count_attribute: dedup_count\n`, ["logs"]],
  ["schema", () => `targets: ["https://opentelemetry.io/schemas/1.26.0"]\n`, ["traces", "metrics", "logs"]],
];

/**
 * A collector configuration (YAML) of about `lines` lines: groups of receivers, processors and exporters of
 * supported types with realistic settings, and one pipeline per group and signal. With `unsupported`, every
 * fourth group also runs a processor that has no Alloy equivalent (for the hybrid dialect).
 */
export function generateCollectorYaml(lines, { seed = 1, unsupported = false } = {}) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sections = { receivers: [], processors: [], exporters: [] };
  const pipelines = [];
  const count = (text) => text.split("\n").length - 1;
  let total = 8; // the section headings and `service:`/`pipelines:`
  for (let i = 0; total < lines; i++) {
    const signal = pick(["traces", "traces", "metrics", "logs"]);
    const fits = (list) => list.filter(([, , signals]) => signals.includes(signal));
    const used = new Set();
    const component = (kind, [type, body]) => {
      let id = `${type}/g${i}`;
      for (let n = 2; used.has(`${kind} ${id}`); n++) id = `${type}/g${i}_${n}`;
      used.add(`${kind} ${id}`);
      const text = `  ${id}:\n${indent(body(i), 4)}`;
      sections[kind].push(text);
      total += count(text);
      return id;
    };
    const receiver = component("receivers", pick(fits(RECEIVERS)));
    const processors = [component("processors", PROCESSORS[0])];
    const middle = fits(PROCESSORS.slice(2));
    for (let k = Math.floor(next() * 3); k > 0; k--) processors.push(component("processors", pick(middle)));
    if (unsupported && i % 4 === 0) processors.push(component("processors", pick(fits(UNSUPPORTED_PROCESSORS))));
    processors.push(component("processors", PROCESSORS[1]));
    const exporters = [component("exporters", pick(fits(EXPORTERS)))];
    if (next() < 0.3) exporters.push(component("exporters", pick(fits(EXPORTERS))));
    const pipeline = `    ${signal}/g${i}:\n      receivers: [${receiver}]\n      processors: [${processors.join(", ")}]\n      exporters: [${exporters.join(", ")}]\n`;
    pipelines.push(pipeline);
    total += count(pipeline);
  }
  return [
    ...Object.entries(sections).flatMap(([name, items]) => [`${name}:\n`, ...items, "\n"]),
    "service:\n  pipelines:\n",
    ...pipelines,
  ].join("");
}

/**
 * Alloy text of about `lines` lines whose checks go past the schemas: relabel rules and loki.process stages
 * with regular expressions, transform and filter processors with OTTL statements and conditions. Every
 * pattern and statement differs from the others, so no cache makes a later one cheaper.
 */
export function generateOttlRegexLines(lines) {
  const parts = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const s = ottlRegexItem(i);
    parts.push(s);
    count += s.split("\n").length - 1;
  }
  return parts.join("");
}

function ottlRegexItem(i) {
  return `discovery.relabel "pods_${i}" {
\ttargets = []
\trule {
\t\tsource_labels = ["__meta_kubernetes_pod_label_app_${i}"]
\t\tregex         = "(web|api|worker)-${i}-([a-z0-9]+)"
\t\ttarget_label  = "app"
\t\treplacement   = "$1"
\t}
\trule {
\t\taction        = "keep"
\t\tsource_labels = ["__meta_kubernetes_namespace"]
\t\tregex         = "team-${i % 97}|shared-${i}"
\t}
}

otelcol.processor.transform "enrich_${i}" {
\terror_mode = "ignore"
\ttrace_statements {
\t\tcontext    = "span"
\t\tstatements = [
\t\t\t\`set(attributes["team"], "team-${i}") where resource.attributes["service.name"] == "svc-${i}"\`,
\t\t\t\`replace_pattern(attributes["http.url"], "token=[^&]+${i}", "token=***")\`,
\t\t\t\`set(status.code, STATUS_CODE_ERROR) where attributes["http.status_code"] >= ${500 + (i % 100)}\`,
\t\t]
\t}
\tlog_statements {
\t\tcontext    = "log"
\t\tstatements = [
\t\t\t\`merge_maps(attributes, ParseJSON(body), "upsert") where IsMatch(body, "^\\\\{.*${i}")\`,
\t\t\t\`set(severity_number, SEVERITY_NUMBER_WARN) where severity_text == "warn-${i}"\`,
\t\t]
\t}
\toutput {
\t\ttraces = [otelcol.processor.filter.drop_${i}.input]
\t\tlogs   = [otelcol.processor.filter.drop_${i}.input]
\t}
}

otelcol.processor.filter "drop_${i}" {
\terror_mode = "ignore"
\ttraces {
\t\tspan = [\`attributes["http.route"] == "/health-${i}"\`, \`IsMatch(name, "^GET /internal/${i}")\`]
\t}
\tlogs {
\t\tlog_record = [\`severity_number < SEVERITY_NUMBER_INFO and attributes["n"] == ${i}\`]
\t}
\toutput {}
}

`;
}
