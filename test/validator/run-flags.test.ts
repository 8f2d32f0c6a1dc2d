/**
 * Run flags, once: blocks Alloy loads only with --stability.level or --feature.community-components.enabled
 * give one error per file naming the flags (upstream's per-block errors under compat "upstream"); a flags
 * file for `validate`; the note on files with otel.* blocks.
 */
import { describe, expect, it } from "vitest";
import { parseRunFlags, validate, ValidationCode } from "@alloy-ts/validator";

const text = `otelcol.connector.count "a" {
  output {}
}
loki.secretfilter "s" {
  forward_to = []
}
otelcol.exporter.datadog "d" {
  api { api_key = "k" }
}
otelcol.exporter.awss3 "s3" {
  s3_uploader {
    s3_bucket = "b"
    s3_prefix = "p"
  }
}
`;
const files = [{ name: "a.alloy", text }];

describe("run flags", () => {
  it("names every flag the file needs in one error at its first such block", () => {
    const d = validate(files);
    expect(d.map((x) => [x.code, x.message])).toEqual([
      [
        ValidationCode.runFlags,
        "Alloy loads this file only when run with --stability.level=experimental --feature.community-components.enabled: it uses 2 experimental blocks (otelcol.connector.count, otelcol.exporter.awss3) and 1 public-preview block (loki.secretfilter) and 1 community block (otelcol.exporter.datadog)",
      ],
    ]);
    expect(d[0]!.range.start).toBe(0);
  });

  it("asks only for what is missing", () => {
    const d = validate(files, { stabilityLevel: "public-preview", communityComponents: true });
    expect(d.map((x) => x.message)).toEqual(["Alloy loads this file only when run with --stability.level=experimental: it uses 2 experimental blocks (otelcol.connector.count, otelcol.exporter.awss3)"]);
    expect(validate(files, { stabilityLevel: "experimental", communityComponents: true })).toEqual([]);
  });

  it("keeps upstream's error per block under compat upstream", () => {
    const d = validate(files, { compat: "upstream" });
    expect(d.map((x) => x.code)).toEqual([ValidationCode.stability, ValidationCode.stability, ValidationCode.community, ValidationCode.stability]);
    expect(d[0]!.message).toMatch(/^component "otelcol.connector.count" is at stability level "experimental", which is below the minimum allowed stability level "generally-available"/);
  });

  it("reads the flags Alloy runs with from a file", () => {
    expect(parseRunFlags("# values\nalloy run --stability.level=public-preview \\\n  --feature.community-components.enabled /etc/alloy\n")).toEqual({ level: "public-preview", community: true });
    expect(parseRunFlags('CUSTOM_ARGS="--stability.level experimental --server.http.listen-addr=0.0.0.0:12345"')).toEqual({ level: "experimental" });
    expect(parseRunFlags("--feature.community-components.enabled=false")).toEqual({ community: false });
    expect(() => parseRunFlags("--stability.level=beta", "flags.txt")).toThrow('flags.txt: invalid stability level "beta"');
  });

  it("says once where a file with otel.* blocks runs, as an Info", () => {
    const bridge = `otel.receiver.foo "x" {}\notel.exporter.bar "y" {}\n`;
    expect(validate([{ name: "b.alloy", text: bridge }])).toEqual([]);
    const d = validate([{ name: "b.alloy", text: bridge }], { targetNotes: true });
    expect(d.map((x) => [x.severity, x.message])).toEqual([
      ["info", "stock Alloy cannot load otel.* blocks (otel.receiver.foo, otel.exporter.bar): this file runs with `alloy run`, or in a collector distribution built with `alloy build`"],
    ]);
  });
});
