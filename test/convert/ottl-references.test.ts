/**
 * OTTL statements and conditions holding `${...}` references (a shape vendor Helm charts use for the cluster
 * name) keep their group form: the references become expressions inside the statements, nothing is dropped.
 */
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";

const yaml = (processors: string, kind = "transform") => `receivers:
  otlp:
    protocols:
      grpc:
processors:
${processors}
exporters:
  debug: {}
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [${kind}]
      exporters: [debug]
`;

describe("OTTL with environment references", () => {
  it("a flat transform list goes to the statements block with its references", () => {
    const out = convertOtelcol(yaml(`  transform:
    trace_statements:
      - set(resource.attributes["k8s.cluster.name"], "\${env:CLUSTER}") where resource.attributes["k8s.cluster.name"] == nil`)).output!;
    expect(out).toContain('statements {\n\t\ttrace = ["set(resource.attributes[\\"k8s.cluster.name\\"], \\"" + sys.env("CLUSTER") + "\\") where');
    expect(out).not.toMatch(/statements = \[\]|context\s*= ""/);
  });

  it("a transform group without context infers it from the statement with references", () => {
    const out = convertOtelcol(yaml(`  transform:
    trace_statements:
      - statements:
          - set(span.attributes["env"], "\${env:DEPLOY_ENV}")`)).output!;
    expect(out).toContain('context    = "span"');
    expect(out).toContain('sys.env("DEPLOY_ENV")');
  });

  it("filter conditions with references keep their context", () => {
    const out = convertOtelcol(yaml(`  filter:
    trace_conditions:
      - resource.attributes["deployment.environment"] != "\${env:DEPLOY_ENV}"`, "filter")).output!;
    expect(out).toContain('context    = "resource"');
    expect(out).toContain('sys.env("DEPLOY_ENV")');
  });
});
