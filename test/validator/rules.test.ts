/**
 * Component rules engine, RE2 syntax and export references: behaviour a user sees from `validate`.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatGoDuration as goDuration } from "@alloy-ts/grammar";
import { re2Error, validate } from "@alloy-ts/validator";

const OPTS = { stabilityLevel: "experimental", communityComponents: true } as const;
const run = (text: string) => validate([{ name: "t.alloy", text }], OPTS);

const relabel = (regex: string): string => `discovery.relabel "r" {
  targets = []
  rule {
    source_labels = ["__name__"]
    regex         = ${regex}
    action        = "keep"
  }
}
`;

describe("regular expressions use RE2's syntax, not JavaScript's", () => {
  // Patterns JavaScript accepts and Go's regexp rejects, with Go's error and the fragment it names.
  const rejected: [string, string, string][] = [
    ["look-ahead", "foo(?=bar)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"],
    ["negative look-ahead", "(?!internal).*", "error parsing regexp: invalid or unsupported Perl syntax: `(?!`"],
    ["backreference", "(a)\\1", "error parsing regexp: invalid escape sequence: `\\1`"],
    ["\\Z", "end\\Z", "error parsing regexp: invalid escape sequence: `\\Z`"],
    ["repeat count over 1000", "a{1001}", "error parsing regexp: invalid repeat count: `{1001}`"],
  ];
  it.each(rejected)("%s is rejected at the offending characters", (_name, pattern, message) => {
    expect(() => new RegExp(pattern)).not.toThrow();
    const text = relabel(JSON.stringify(pattern));
    const diags = run(text);
    expect(diags.map((d) => d.message)).toEqual([message]);
    const frag = message.slice(message.lastIndexOf("`", message.length - 2) + 1, -1);
    const written = JSON.stringify(frag).slice(1, -1);
    expect(diags[0]!.range.start).toBe(text.indexOf(written, text.indexOf("regex")));
  });

  it("rejects look-behind, which Go reads as a malformed named group", () => {
    expect(() => new RegExp("(?<=a)b")).not.toThrow();
    // Relabel rules compile the pattern wrapped in ^(?s:...)$, and Go names the rest of the text.
    expect(run(relabel(JSON.stringify("(?<=a)b"))).map((d) => d.message)).toEqual(["error parsing regexp: invalid named capture: `(?<=a)b)$`"]);
  });

  it("rejects nested repetition", () => {
    expect(re2Error("a**")).toBe("error parsing regexp: invalid nested repetition operator: `**`");
  });

  it.each(["\\z", "(?P<name>x)", "(?<name>x)", "[[:alpha:]]+", "(?i)error", "\\pL+", "a{2,1000}"])("accepts %s like Go", (pattern) => {
    expect(re2Error(pattern)).toBeUndefined();
    expect(run(relabel(JSON.stringify(pattern)))).toEqual([]);
  });

  it("checks raw strings too", () => {
    expect(run(relabel("`(a)\\1`")).map((d) => d.message)).toEqual(["error parsing regexp: invalid escape sequence: `\\1`"]);
  });
});

describe("rules never judge values they cannot see", () => {
  it("skips a comparison whose operand is a reference", () => {
    const text = `prometheus.scrape "x" {
  targets         = []
  forward_to      = []
  scrape_interval = "30s"
  scrape_timeout  = sys.env("TIMEOUT")
}
`;
    expect(run(text)).toEqual([]);
  });

  it("compares durations numerically against defaults (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7200 }), fc.integer({ min: 1, max: 7200 }), (interval, timeout) => {
        const text = `prometheus.scrape "x" {
  targets         = []
  forward_to      = []
  scrape_interval = "${interval}s"
  scrape_timeout  = "${timeout}s"
}
`;
        const msgs = run(text).map((d) => d.message);
        if (timeout > interval) {
          expect(msgs).toEqual([`scrape_timeout (${goDuration(timeout * 1e9)}) greater than scrape_interval (${goDuration(interval * 1e9)}) for scrape config with job name ""`]);
        } else expect(msgs).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it("uses the default when the attribute is absent", () => {
    // scrape_interval defaults to 1m upstream.
    const text = `prometheus.scrape "x" {
  targets        = []
  forward_to     = []
  scrape_timeout = "2m"
}
`;
    expect(run(text).map((d) => d.message)).toEqual(['scrape_timeout (2m0s) greater than scrape_interval (1m0s) for scrape config with job name ""']);
  });

  it("formats durations as Go does", () => {
    expect([0, 5e8, 1e9, 9e10, 3.6e12, 1.5e9].map(goDuration)).toEqual(["0s", "500ms", "1s", "1m30s", "1h0m0s", "1.5s"]);
  });
});

describe("references to exports", () => {
  it("reports a misspelt export at the field with a did-you-mean", () => {
    const text = `prometheus.remote_write "default" {
  endpoint {
    url = "http://mimir/api/v1/push"
  }
}
prometheus.scrape "x" {
  targets    = []
  forward_to = [prometheus.remote_write.default.receivr]
}
`;
    const diags = run(text);
    expect(diags.map((d) => [d.message, d.hint])).toEqual([['prometheus.remote_write.default does not have field named "receivr"', 'did you mean "receiver"?']]);
    expect(diags[0]!.range.start).toBe(text.indexOf("receivr"));
  });

  it("reports an export of the wrong type where the reference is given, and passes conversions Alloy makes", () => {
    const text = `prometheus.remote_write "default" {
  endpoint {
    url = "http://mimir/api/v1/push"
  }
}
discovery.relabel "r" {
  targets = []
}
local.file "token" {
  filename = "/var/run/token"
}
prometheus.scrape "x" {
  targets    = prometheus.remote_write.default.receiver
  forward_to = [prometheus.remote_write.default.receiver]
  job_name   = discovery.relabel.r.output
}
prometheus.scrape "y" {
  targets      = discovery.relabel.r.output
  forward_to   = [prometheus.remote_write.default.receiver]
  bearer_token = local.file.token.content
}
`;
    const diags = run(text);
    expect(diags.map((d) => [d.code, d.message])).toEqual([
      ["validator/reference-type", "prometheus.remote_write.default.receiver should be array, got capsule"],
      ["validator/reference-type", "discovery.relabel.r.output should be string, got array"],
    ]);
    expect(diags[0]!.range.start).toBe(text.indexOf("prometheus.remote_write.default.receiver\n"));
    expect(diags[1]!.range.start).toBe(text.indexOf("discovery.relabel.r.output\n}"));
  });

  it("accepts every export of the schema", () => {
    const text = `discovery.relabel "r" {
  targets = []
}
prometheus.scrape "x" {
  targets    = discovery.relabel.r.output
  forward_to = []
}
`;
    expect(run(text)).toEqual([]);
  });
});
