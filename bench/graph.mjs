// `alloy graph`: model, layout and SVG of a 1,000-component file (goal: ≤ 500 ms), for an Alloy file of mixed
// component families, for collector YAML of about as many component instances (also with one connector, whose
// edges cross signal lanes), and for an Alloy file whose
// pipelines share their discovery and their writer (no component is a tree). Graphs of more than 200 nodes, all
// four inputs, are laid out without elk (trees by pack.ts, the rest by layered.ts; a connector's lanes as bands
// by bands.ts): elk's first layout in a process alone would take most of the budget. A user's `alloy graph big.alloy` is always the first drawing in its process, so that is measured in a
// fresh process per input (nothing loaded or optimised by an earlier drawing), beside the median of later ones.
// The CPU time of the first drawing (all of the process's threads) is printed beside its wall time: on a busy
// machine the wall time grows with the load and the CPU time does not.
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { graphOfAlloy, graphOfCollector, layoutGraph, renderSvg } from "../packages/graph/dist/index.js";
import { generateCollectorYaml } from "./generate.mjs";
import { check, fmtMs, table } from "./harness.mjs";

const GOAL_MS = 500;

/**
 * An Alloy file of `count` components: metric pipelines (discovery → scrape → relabel → a shared remote_write),
 * log pipelines (file match → loki.source.file → loki.process → a shared loki.write) and OTLP pipelines
 * (receiver → batch → exporter), in groups of about ten components.
 */
export function generateGraphAlloy(count) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < count; i++) {
    const w = Math.floor(i / 10);
    if (i % 10 === 0) {
      parts.push(`prometheus.remote_write "mimir_${w}" {\n  endpoint {\n    url = "https://mimir-${w}.example.com/api/v1/push"\n  }\n}\n`);
      parts.push(`loki.write "loki_${w}" {\n  endpoint {\n    url = "https://loki-${w}.example.com/loki/api/v1/push"\n  }\n}\n`);
      n += 2;
    }
    switch (i % 3) {
      case 0:
        parts.push(`discovery.kubernetes "pods_${i}" {\n  role = "pod"\n}\n`);
        parts.push(`prometheus.scrape "s_${i}" {\n  targets    = discovery.kubernetes.pods_${i}.targets\n  forward_to = [prometheus.relabel.r_${i}.receiver]\n}\n`);
        parts.push(`prometheus.relabel "r_${i}" {\n  rule {\n    action = "labeldrop"\n    regex  = "tmp_.*"\n  }\n  forward_to = [prometheus.remote_write.mimir_${w}.receiver]\n}\n`);
        break;
      case 1:
        parts.push(`local.file_match "f_${i}" {\n  path_targets = [{"__path__" = "/var/log/app-${i}/*.log"}]\n}\n`);
        parts.push(`loki.source.file "l_${i}" {\n  targets    = local.file_match.f_${i}.targets\n  forward_to = [loki.process.p_${i}.receiver]\n}\n`);
        parts.push(`loki.process "p_${i}" {\n  stage.json {\n    expressions = { level = "level" }\n  }\n  forward_to = [loki.write.loki_${w}.receiver]\n}\n`);
        break;
      default:
        parts.push(`otelcol.receiver.otlp "o_${i}" {\n  grpc {\n    endpoint = "0.0.0.0:${4317 + i}"\n  }\n  output {\n    traces  = [otelcol.processor.batch.b_${i}.input]\n    metrics = [otelcol.processor.batch.b_${i}.input]\n  }\n}\n`);
        parts.push(`otelcol.processor.batch "b_${i}" {\n  output {\n    traces  = [otelcol.exporter.otlp.e_${i}.input]\n    metrics = [otelcol.exporter.otlp.e_${i}.input]\n  }\n}\n`);
        parts.push(`otelcol.exporter.otlp "e_${i}" {\n  client {\n    endpoint = "tempo-${i}.example.com:4317"\n  }\n}\n`);
    }
    n += 3;
  }
  return parts.join("\n");
}

/**
 * An Alloy file of `count` components in groups of ten: one discovery.kubernetes feeding four scrape → relabel
 * pipelines that all write to one prometheus.remote_write, so each group is one component with a node of several
 * outputs and one of several inputs.
 */
export function generateSharedGraphAlloy(count) {
  const parts = [];
  for (let g = 0; parts.length < count; g++) {
    parts.push(`discovery.kubernetes "pods_${g}" {\n  role = "pod"\n}\n`);
    parts.push(`prometheus.remote_write "mimir_${g}" {\n  endpoint {\n    url = "https://mimir-${g}.example.com/api/v1/push"\n  }\n}\n`);
    for (let k = 0; k < 4; k++) {
      parts.push(`prometheus.scrape "s_${g}_${k}" {\n  targets    = discovery.kubernetes.pods_${g}.targets\n  forward_to = [prometheus.relabel.r_${g}_${k}.receiver]\n}\n`);
      parts.push(`prometheus.relabel "r_${g}_${k}" {\n  rule {\n    action = "labeldrop"\n    regex  = "tmp_.*"\n  }\n  forward_to = [prometheus.remote_write.mimir_${g}.receiver]\n}\n`);
    }
  }
  return parts.join("\n");
}

/**
 * The collector YAML of the bench with one spanmetrics connector: the first traces pipeline also exports to it,
 * and a metrics pipeline receives from it and exports where the first metrics pipeline does. The connector's
 * edges cross signal lanes.
 */
export function withConnector(yaml) {
  const pipeline = (signal) => yaml.match(new RegExp(` {4}${signal}/g\\d+:\n {6}receivers: \\[[^\\]]*\\]\n {6}processors: \\[[^\\]]*\\]\n {6}exporters: \\[([^\\]]*)\\]`));
  const traces = pipeline("traces");
  const metrics = pipeline("metrics");
  const linked = yaml.replace(traces[0], traces[0].replace(`exporters: [${traces[1]}]`, `exporters: [${traces[1]}, spanmetrics]`));
  return `connectors:\n  spanmetrics:\n${linked}    metrics/spanmetrics:\n      receivers: [spanmetrics]\n      exporters: [${metrics[1]}]\n`;
}

const INPUTS = {
  alloy: { name: "Alloy, mixed families", build: () => { const text = generateGraphAlloy(1000); return () => graphOfAlloy(text, "graph.alloy"); } },
  // About 1,000 component instances (7,000 lines of the generator's YAML).
  collector: { name: "collector YAML", build: () => { const text = generateCollectorYaml(7000); return () => graphOfCollector(text, "collector.yaml"); } },
  connector: { name: "collector YAML, one connector", build: () => { const text = withConnector(generateCollectorYaml(7000)); return () => graphOfCollector(text, "connector.yaml"); } },
  shared: { name: "Alloy, shared discovery and writer", build: () => { const text = generateSharedGraphAlloy(1000); return () => graphOfAlloy(text, "shared.alloy"); } },
};

async function draw(build) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const graph = build();
  const t1 = performance.now();
  const layout = await layoutGraph(graph);
  const t2 = performance.now();
  const svg = renderSvg(layout);
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  return { cpu: (cpu.user + cpu.system) / 1000, nodes: graph.nodes.length, edges: graph.edges.length, bytes: svg.length, model: t1 - t0, layout: t2 - t1, svg: t3 - t2, total: t3 - t0 };
}

/** The first drawing of an input, in a process of its own that has drawn nothing before. */
function firstInFreshProcess(key) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--first", key], { encoding: "utf8" });
  return JSON.parse(out);
}

async function measure(key, runs = 5) {
  const { name, build } = INPUTS[key];
  const first = firstInFreshProcess(key);
  const draws = build();
  const later = [];
  for (let i = 0; i < runs + 1; i++) later.push(await draw(draws));
  later.shift(); // this process's own first drawing
  later.sort((a, b) => a.total - b.total);
  const median = later[later.length >> 1];
  return [
    name,
    String(median.nodes),
    String(median.edges),
    `${fmtMs(first.total)} ${check(first.total <= GOAL_MS)} (cpu ${fmtMs(first.cpu)})`,
    `${fmtMs(first.model)} / ${fmtMs(first.layout)} / ${fmtMs(first.svg)}`,
    `${fmtMs(median.total)} ${check(median.total <= GOAL_MS)}`,
    `${fmtMs(median.model)} / ${fmtMs(median.layout)} / ${fmtMs(median.svg)}`,
  ];
}

export async function run() {
  console.log(`\n## Graph: model + layout + SVG of a 1,000-component file (goal: ≤ ${GOAL_MS} ms)\n`);
  const rows = [];
  for (const key of Object.keys(INPUTS)) rows.push(await measure(key));
  table(["input", "nodes", "edges", "first drawing (fresh process)", "model / layout / svg", "later, median", "model / layout / svg"], rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--first");
  if (at >= 0) process.stdout.write(JSON.stringify(await draw(INPUTS[process.argv[at + 1]].build())));
  else await run();
}
