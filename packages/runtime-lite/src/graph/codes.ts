/** The runtime's diagnostic codes: what building a graph (collector YAML, Alloy, the bridge dialect) and running it report. */
import { codes, defineCatalogue } from "@alloy-ts/grammar";

const YAML = (text: string) => ({ runner: "run", file: "collector.yaml", text }) as const;
const ALLOY = (text: string) => ({ runner: "run", file: "config.alloy", text }) as const;
const RUNNING = "it is reported while data flows through a running graph, not when the graph is built (the catalogue's examples only build graphs)";

export const RUNTIME_DIAGNOSTICS = defineCatalogue("@alloy-ts/runtime-lite", {
  yaml: {
    code: "run/yaml",
    severity: "error",
    summary: "The collector configuration is not YAML the collector can read.",
    message: "cannot parse YAML: {reason}",
    example: YAML("receivers: [\n"),
  },
  reference: {
    code: "run/reference",
    severity: "error",
    summary: "A `${...}` reference of the collector configuration cannot be resolved.",
    message: "{where}{reason}",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: ${env:}\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n"),
  },
  pipelineType: {
    code: "run/pipeline-type",
    severity: "error",
    summary: "A pipeline's signal is not one the runtime carries (profiles).",
    message: 'unknown pipeline type "{signal}" (pipeline "{id}")',
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    profiles:\n      receivers: [otlp]\n      exporters: [debug]\n"),
  },
  noPipelines: {
    code: "run/no-pipelines",
    severity: "error",
    summary: "The configuration has no pipeline to run.",
    message: "service must have at least one pipeline",
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nservice:\n  pipelines: {}\n"),
  },
  undefinedComponent: {
    code: "run/undefined-component",
    severity: "error",
    summary: "A pipeline names a component the configuration does not define.",
    message: '{kind} "{id}" is used by a pipeline but not defined',
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch]\n      exporters: [debug]\n"),
  },
  pipelineShape: {
    code: "run/pipeline-shape",
    severity: "error",
    summary: "A pipeline lacks receivers or exporters.",
    message: 'pipeline "{id}" must have at least one {kind}',
    example: YAML("receivers:\n  otlp:\n    protocols:\n      grpc:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n"),
  },
  arguments: {
    code: "run/arguments",
    severity: "error",
    summary: "An argument of an Alloy component cannot be evaluated.",
    message: "{component}: {attribute}: {reason}",
    example: ALLOY('otelcol.exporter.debug "default" {\n\tverbosity = 1 + "a"\n}\n'),
  },
  parse: {
    code: "run/parse",
    severity: "error",
    summary: "The Alloy file does not parse (the parser's message follows).",
    message: "parse error: {message}",
    example: ALLOY("otelcol.exporter.debug \"default\" {\n"),
  },
  statement: {
    code: "run/statement",
    severity: "error",
    summary: "A top-level attribute of an Alloy file, which the runtime does not run.",
    message: "unrecognized attribute {name}",
    example: ALLOY("x = 1\n"),
  },
  wiring: {
    code: "run/wiring",
    severity: "error",
    summary: "An `output` list of an Alloy component is not a list of otelcol component inputs.",
    message: "{component}: output.{signal} {problem}",
    example: ALLOY('otelcol.receiver.otlp "default" {\n\tgrpc {}\n\n\toutput {\n\t\ttraces = 1\n\t}\n}\n'),
  },
  bridge: {
    code: "run/bridge",
    severity: "error",
    summary: "The bridge dialect (`otel.*` blocks) could not be read as a collector configuration.",
    message: "bridge dialect: {reason}",
    example: ALLOY('otel.pipeline "traces" {\n\treceivers = [otel.receiver.nosuch.default]\n}\n'),
  },
  componentStart: {
    code: "run/component-start",
    severity: "error",
    summary: "A component refused its configuration when it was started.",
    message: "{component}: {reason}",
    example: { unreachable: RUNNING },
  },
  componentFailed: {
    code: "run/component-failed",
    severity: "error",
    summary: "A component failed while handling data; the failure is contained to it.",
    message: "{component} failed: {reason}",
    example: { unreachable: RUNNING },
  },
  wireEncoding: {
    code: "run/wire-encoding",
    severity: "error",
    summary: "In a verification run, what a network exporter sends does not decode at the receiving end (a defect of the OTLP codec).",
    message: "{component}: the {encoding} encoding of its {signal} does not decode: {reason}",
    example: { unreachable: "the generated telemetry always encodes; this guards the codec" },
  },
});

/** The runtime's codes under their short names. */
export const RuntimeCode = codes(RUNTIME_DIAGNOSTICS);
