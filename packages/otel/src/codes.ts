/**
 * The collector model's codes: one per fault of a configuration's shape, IDs and pipelines, shared by convert,
 * validate, build and run. The messages are the collector's own texts.
 */
import { codes, defineCatalogue } from "@alloy-ts/grammar";

const Y = (text: string) => ({ runner: "validate-otelcol", file: "collector.yaml", text }) as const;
const PIPE = "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n";
const BASE = "receivers:\n  otlp:\nexporters:\n  debug:\n";

export const OTEL_DIAGNOSTICS = defineCatalogue("@alloy-ts/otel", {
  shape: {
    code: "otelcol/shape",
    severity: "error",
    summary: "A section, the service or a pipeline has the wrong YAML type (a list where a map belongs, a scalar where a list belongs).",
    message: "{message}",
    upstream: true,
    example: Y("receivers: [otlp]\n" + PIPE),
  },
  unknownKey: {
    code: "otelcol/unknown-key",
    severity: "error",
    summary: "A key the collector does not know at the top level, in service or in a pipeline.",
    message: "'{name}' has invalid keys: {key}",
    upstream: true,
    example: Y(BASE + PIPE + "extras: 1\n"),
  },
  componentId: {
    code: "otelcol/component-id",
    severity: "error",
    summary: "A component ID is not `type` or `type/name` with a valid type and name.",
    message: '{section}: invalid component ID "{id}": {reason}',
    upstream: true,
    example: Y('receivers:\n  "otlp/":\nexporters:\n  debug:\n' + PIPE),
  },
  duplicateId: {
    code: "otelcol/duplicate-id",
    severity: "error",
    summary: "Two keys of a section name the same component ID once spaces are trimmed.",
    message: '{section}: duplicate component ID "{id}"',
    upstream: true,
    example: Y('receivers:\n  otlp:\n  " otlp":\nexporters:\n  debug:\n' + PIPE),
  },
  pipelineId: {
    code: "otelcol/pipeline-id",
    severity: "error",
    summary: "A pipeline ID is not `signal` or `signal/name` with a signal the collector knows.",
    message: "{where}: {reason}",
    upstream: true,
    example: Y(BASE + "service:\n  pipelines:\n    events:\n      receivers: [otlp]\n      exporters: [debug]\n"),
  },
  noService: {
    code: "otelcol/no-service",
    severity: "error",
    summary: "The configuration has no service section, so nothing runs.",
    message: "service must have at least one pipeline",
    upstream: true,
    example: Y(BASE),
  },
  noPipelines: {
    code: "otelcol/no-pipelines",
    severity: "error",
    summary: "The service section has no pipeline.",
    message: "service must have at least one pipeline",
    upstream: true,
    example: Y(BASE + "service:\n  pipelines: {}\n"),
  },
  pipelineShape: {
    code: "otelcol/pipeline-shape",
    severity: "error",
    summary: "A pipeline lacks receivers or exporters.",
    message: "{where}: must have at least one {kind}",
    upstream: true,
    example: Y("receivers:\n  otlp:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n"),
  },
  undefinedComponent: {
    code: "otelcol/undefined-component",
    severity: "error",
    summary: "A pipeline or service::extensions names a component the configuration does not define.",
    message: '{where}: references {kind} "{id}" which is not configured',
    upstream: true,
    example: Y(BASE + PIPE.replace("receivers: [otlp]", "receivers: [otlp]\n      processors: [batch]")),
  },
  duplicateProcessor: {
    code: "otelcol/duplicate-processor",
    severity: "error",
    summary: "A pipeline lists the same processor twice.",
    message: '{where}: references processor "{id}" multiple times',
    upstream: true,
    example: Y(BASE + "processors:\n  batch:\n" + PIPE.replace("receivers: [otlp]", "receivers: [otlp]\n      processors: [batch, batch]")),
  },
  connectorIdClash: {
    code: "otelcol/connector-id-clash",
    severity: "error",
    summary: "A connector has the ID of a receiver or an exporter, which makes pipeline references ambiguous.",
    message: 'connectors::{id}: ambiguous ID: Found both "{id}" {kind} and "{id}" connector. Change one of the components\' IDs to eliminate ambiguity (e.g. rename "{id}" connector to "{id}/connector")',
    upstream: true,
    example: Y("receivers:\n  otlp:\n  forward:\nconnectors:\n  forward:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [forward]\n    traces/2:\n      receivers: [forward]\n      exporters: [debug]\n"),
  },
  connectorRule: {
    code: "otelcol/connector-rule",
    severity: "error",
    summary: "A connector is not used as both an exporter and a receiver, or is both in the same pipeline.",
    message: "{where}: {rule}",
    upstream: true,
    example: Y("receivers:\n  otlp:\nconnectors:\n  forward:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [forward]\n"),
  },
  connectorSignal: {
    code: "otelcol/connector-signal",
    severity: "error",
    summary: "A connector joins pipelines of signals it does not connect.",
    message: 'connectors::{id}: connector "{id}" used as exporter in {signal} pipeline but not used in any supported receiver pipeline',
    upstream: true,
    example: Y("receivers:\n  otlp:\nconnectors:\n  spanmetrics:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [spanmetrics]\n    logs:\n      receivers: [spanmetrics]\n      exporters: [debug]\n"),
  },
  unusedComponent: {
    code: "otelcol/unused-component",
    severity: "warning",
    summary: "A component is defined but no pipeline (or service::extensions) uses it; the collector does not start it.",
    message: '{kind} "{id}" is defined but {why}',
    example: Y(BASE + "  otlp/unused:\n" + PIPE),
  },
});

/** The collector model's codes under their short names. */
export const ModelCode = codes(OTEL_DIAGNOSTICS);
