/** What the editor holds before anything is pasted: a small gateway with one setting Alloy cannot carry. */
export const SAMPLE = `# Paste an OpenTelemetry Collector config or an Alloy file here.
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318

processors:
  memory_limiter:
    check_interval: 1s
    limit_mib: 512
  attributes/redact:
    actions:
      - key: db.statement
        action: delete
  batch:
    timeout: 5s

exporters:
  otlp/tempo:
    endpoint: tempo:4317
  debug:
    verbosity: basic

service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, attributes/redact, batch]
      exporters: [otlp/tempo]
    logs:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [debug]
`;
