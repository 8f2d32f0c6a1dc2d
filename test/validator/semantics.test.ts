/** Semantic checks (syntax spec §8) on small hand-written configurations, with upstream's messages. */
import { describe, expect, it } from "vitest";
import { SourceFile } from "@alloy-ts/grammar";
import { getComponent, listComponents, stdlibFunctions, validate, type ValidateOptions } from "@alloy-ts/validator";

function check(text: string, opts: ValidateOptions = {}): string[] {
  const src = new SourceFile("main.alloy", text);
  return validate([{ name: "main.alloy", text }], opts).map((d) => {
    const p = src.position(d.range.start);
    return `${d.severity === "warning" ? "W" : "E"} ${p.line}:${p.column} ${d.message}`;
  });
}

describe("validate", () => {
  it("accepts a valid pipeline", () => {
    expect(check(`otelcol.receiver.otlp "in" {\n\tgrpc { }\n\toutput {\n\t\ttraces = [otelcol.processor.batch.b.input]\n\t}\n}\notelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t}\n}\notelcol.exporter.otlp "out" {\n\tclient {\n\t\tendpoint = "x:4317"\n\t}\n}\n`)).toEqual([]);
  });

  it("reports labels, duplicates and unknown components", () => {
    expect(check(`local.file {\n\tfilename = "a"\n}\nlocal.file "a" {\n\tfilename = "a"\n}\nlocal.file "a" {\n\tfilename = "a"\n}\nlocal.nope "x" { }\n`)).toEqual([
      'E 1:1 component "local.file" must have a label',
      "E 7:1 block local.file.a already declared at main.alloy:4:1",
      'E 10:1 cannot find the definition of component name "local.nope"',
    ]);
  });

  it("checks attribute and block shapes", () => {
    expect(check(`otelcol.processor.batch "b" {\n\ttimeout = 5\n\ttimeout = "1s"\n\toutput = 1\n\tdebug_metrics { }\n\tdebug_metrics { }\n\tnope { }\n}\n`)).toEqual([
      'E 2:12 time: missing unit in duration "5"',
      'E 3:2 attribute "timeout" may only be provided once',
      'E 4:2 "output" must be a block, but is used as an attribute',
      'E 5:2 block "debug_metrics" may only be specified once',
      'E 6:2 block "debug_metrics" may only be specified once',
      'E 7:2 unrecognized block name "nope"',
      'E 1:1 missing required block "output"',
    ]);
  });

  it("checks literal types and enumerations", () => {
    expect(check(`local.file "f" {\n\tfilename = true\n\tdetector = "x"\n\tis_secret = "yes"\n}\n`)).toEqual([
      "E 2:13 expected string, got bool",
      'E 3:13 unrecognized detector "x", expected fsnotify or poll',
      "E 4:14 expected bool, got string",
    ]);
    expect(check(`otelcol.auth.headers "h" {\n\theader {\n\t\tkey = "k"\n\t\taction = "nope"\n\t}\n}\n`)).toEqual(["E 4:12 unknown action nope"]);
  });

  it("reports references, self references and cycles", () => {
    expect(check(`prometheus.relabel "a" {\n\tforward_to = [prometheus.relabel.a.receiver, prometheus.relabel.zz.receiver]\n}\n`)).toEqual([
      'E 2:47 component "prometheus.relabel.zz.receiver" does not exist or is out of scope',
      "E 1:1 cannot reference self",
    ]);
  });

  it("warns on deprecated stdlib names and gates experimental functions", () => {
    expect(check(`local.file "f" {\n\tfilename = env("HOME")\n}\n`)).toEqual([
      "W 2:13 this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives",
    ]);
    expect(check(`local.file "f" {\n\tfilename = array.group_by([], "k", true)[0]\n}\n`)).toEqual([
      'E 2:13 array.group_by is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features',
    ]);
    expect(check(`local.file "f" {\n\tfilename = array.group_by([], "k", true)[0]\n}\n`, { stabilityLevel: "experimental" })).toEqual([]);
  });

  it("checks standard library calls", () => {
    expect(check(`local.file "f" {\n\tfilename = string.to_lower("A", "B")\n\tdetector = string.nope("x")\n}\n`)).toEqual([
      "E 2:13 expected 1 args, got 2",
      'E 3:13 unknown standard library function "string.nope"',
    ]);
  });

  it("checks capsule kinds and otelcol signals", () => {
    const text = `prometheus.scrape "s" {\n\ttargets = []\n\tforward_to = [loki.write.w.receiver]\n}\nloki.write "w" {\n\tendpoint {\n\t\turl = "http://x"\n\t}\n}\n`;
    expect(check(text)).toEqual(['E 3:16 loki.write.w.receiver is a LogsReceiver, but "forward_to" expects MetricsReceiver']);
  });

  it("handles declare, import and foreach scopes", () => {
    const text = `declare "m" {\n\targument "a" { }\n\tlocal.file "f" {\n\t\tfilename = argument.a.value\n\t}\n}\nm "x" {\n\ta = 1\n}\nimport.file "lib" {\n\tfilename = "lib.alloy"\n}\nlib.anything "y" { }\nforeach "each" {\n\tcollection = [1]\n\tvar = "item"\n\ttemplate {\n\t\tlocal.file "t" {\n\t\t\tfilename = item\n\t\t}\n\t}\n}\n`;
    expect(check(text, { stabilityLevel: "experimental" })).toEqual([]);
    expect(check(text)[0]).toBe("E 14:1 Alloy loads this file only when run with --stability.level=experimental: it uses 1 experimental block (foreach)");
    expect(check(text, { compat: "upstream" })[0]).toBe(
      'E 14:1 foreach block "foreach" is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features',
    );
  });

  it("stops at parse errors and reports top-level attributes", () => {
    expect(check(`a = \n`)).toHaveLength(1);
    expect(check(`a = 1\n`)).toEqual(["E 1:1 unrecognized attribute a"]);
  });

  it("gives did-you-mean hints outside the message", () => {
    const d = validate([{ name: "m.alloy", text: `local.file "f" {\n\tfilenam = "x"\n}\n` }]);
    expect(d.map((x) => [x.message, x.hint])).toEqual([
      ['unrecognized attribute name "filenam"', 'did you mean "filename"?'],
      ['missing required attribute "filename"', undefined],
    ]);
  });

  it("restricts otelcol components to a distribution", () => {
    const text = `otelcol.exporter.debug "d" { }\n`;
    expect(check(text, { allowedOtelcolComponents: new Set(["otelcol.exporter.otlp"]) })).toEqual([
      'E 1:1 component "otelcol.exporter.debug" is not included in the collector distribution',
    ]);
  });
});

describe("registry API", () => {
  it("lists components and describes them", () => {
    expect(listComponents().length).toBeGreaterThanOrEqual(180);
    const batch = getComponent("otelcol.processor.batch")!;
    expect(batch.exports).toEqual([
      { name: "input", kind: "attribute", type: "otelcol.Consumer", required: false, description: "A value that other components can use to send telemetry data to.", signals: ["metrics", "logs", "traces"] },
    ]);
    expect(batch.arguments.find((a) => a.name === "timeout")).toMatchObject({ type: "duration", default: "200ms", required: false });
    expect(batch.blocks.find((b) => b.name === "output")?.required).toBe(true);
    expect(getComponent("logging")?.arguments.map((a) => a.name)).toEqual(expect.arrayContaining(["level", "format", "write_to"]));
    expect(getComponent("nope.nope")).toBeUndefined();
    expect(stdlibFunctions().find((f) => f.name === "env")?.deprecated?.replacement).toBe("sys.env");
  });
});
