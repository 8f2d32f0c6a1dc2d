/**
 * fast-check generators for the fuzz campaigns: Alloy source built from a random tree with hostile literals and
 * comments (control characters in strings, raw strings and comments, escapes in quoted keys, trailing blanks in
 * raw strings, line breaks wherever the grammar allows them), comments inserted between arbitrary tokens, byte
 * level mutations of such sources, and collector YAML.
 *
 * The generators aim at the places where a printer can change meaning; validity is not guaranteed (a campaign
 * that needs valid input parses it first and skips what does not parse).
 */
import fc from "fast-check";

const pick = (...xs) => fc.constantFrom(...xs);

/** Pieces of a double-quoted string's body: plain text, control characters written raw, and escapes. */
const stringPiece = pick("a", "é", "日本", " ", "  ", "\t", "\v", "\f", "\r", "\\n", "\\t", '\\"', "\\\\", "\\u00e9", "\\x41", "\\101", "\\f", "\\v", "\\a", "%", "${x}", "{", "}", "/*", "//", "`");
/** Pieces of a raw string's body: anything but a backtick, line breaks and trailing blanks included. */
const rawPiece = pick("a", "é", " ", "\t", "\v", "\f", "\n", "\r\n", "  \n", "\t\n", '"', "\\", "\\n", "/*", "//", "\n\n");
/** Pieces of a comment's body. */
const commentPiece = pick("x", " ", "é", "\t", "\v", "\f", "\r", "*", "/", "\\", '"', "`");
const blockCommentPiece = fc.oneof(commentPiece, pick("\n", "\r\n", "  \n", "\n\n"));

const joined = (piece, max) => fc.array(piece, { maxLength: max }).map((a) => a.join(""));

export const doubleQuoted = joined(stringPiece, 6).map((s) => `"${s}"`);
export const rawString = joined(rawPiece, 6).map((s) => `\`${s}\``);
export const lineComment = joined(commentPiece, 5).map((s) => `//${s}`);
export const blockComment = joined(blockCommentPiece, 5).map((s) => `/*${s}*/`);
export const anyComment = fc.oneof(lineComment, blockComment);

const identifiers = ["a", "bb", "foo", "bar_1", "métrica", "_z", "日本", "sys", "env"];
const identifier = pick(...identifiers);

/** A rendered expression with how tightly it binds: 0 primary/postfix, 1 unary, 2 binary. */
const literal = fc.oneof(
  pick("0", "1", "42", "007").map((text) => ({ text, prec: 0, integer: true })),
  pick("1.5", ".5", "1e3", "1.", "2.5E-3", "true", "false", "null").map((text) => ({ text, prec: 0 })),
  { weight: 3, arbitrary: fc.oneof(doubleQuoted, rawString).map((text) => ({ text, prec: 0 })) },
);

/** Separator after `,`, `[`, `(`, `{`, `=` or an operator: a space, nothing, line breaks, or a comment. */
const gap = fc.oneof(
  { weight: 5, arbitrary: pick(" ", "") },
  { weight: 2, arbitrary: pick("\n", "\n\n", "\n  ", "\r\n") },
  { weight: 1, arbitrary: lineComment.map((c) => ` ${c}\n`) },
  { weight: 1, arbitrary: blockComment.map((c) => ` ${c} `) },
);

const wrap = (r, max) => (r.prec > max ? `(${r.text})` : r.text);

function list(open, close, items, maxItems) {
  return fc
    .record({ items: fc.array(fc.tuple(gap, items), { maxLength: maxItems }), closeOnNewLine: fc.boolean(), trailingComma: fc.boolean() })
    .map(({ items: parts, closeOnNewLine, trailingComma }) => {
      let s = open;
      parts.forEach(([sep, item], i) => (s += (i > 0 ? "," : "") + sep + item));
      if (closeOnNewLine) s += (parts.length > 0 ? "," : "") + "\n";
      else if (trailingComma && parts.length > 0) s += ",";
      return s + close;
    });
}

const key = fc.oneof({ weight: 2, arbitrary: identifier }, doubleQuoted, rawString);
const binaryOps = ["||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^"];

export const expression = fc.letrec((tie) => {
  const expr = tie("expr");
  const target = expr.map((r) => ({ ...r, text: wrap(r, 0) }));
  return {
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      identifier.map((text) => ({ text, prec: 0 })),
      list("[", "]", expr.map((r) => r.text), 4).map((text) => ({ text, prec: 0 })),
      list("{", "}", fc.tuple(key, gap, expr).map(([k, sep, v]) => `${k} =${sep}${v.text}`), 4).map((text) => ({ text, prec: 0 })),
      fc.tuple(target, identifier, pick("", "\n", "/* c */", "/*\n*/")).map(([v, name, sep]) => ({ text: `${v.text}${v.integer ? " " : ""}.${sep}${name}`, prec: 0 })),
      fc.tuple(target, gap, expr).map(([v, sep, i]) => ({ text: `${v.text}[${sep}${i.text}]`, prec: 0 })),
      fc.tuple(target, list("(", ")", expr.map((r) => r.text), 3)).map(([callee, args]) => ({ text: `${callee.text}${args}`, prec: 0 })),
      fc.tuple(pick("!", "-"), expr).map(([op, v]) => ({ text: `${op}${wrap(v, 1)}`, prec: 1 })),
      fc.tuple(expr, pick(...binaryOps), gap, expr).map(([l, op, sep, r]) => ({ text: `${wrap(l, 1)} ${op}${sep}${wrap(r, 1)}`, prec: 2 })),
      fc.tuple(gap, expr).map(([sep, r]) => ({ text: `(${sep}${r.text})`, prec: 0 })),
    ),
  };
}).expr;

const statementEnd = fc.oneof(
  { weight: 4, arbitrary: pick("\n", "\n\n", "\n\n\n", "\r\n") },
  { weight: 1, arbitrary: anyComment.map((c) => ` ${c}\n`) },
  { weight: 1, arbitrary: anyComment.map((c) => `\n${c}\n`) },
);

export const body = fc.letrec((tie) => ({
  statement: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 3, arbitrary: fc.tuple(identifier, pick(" = ", "=", " /* c */ = ", " =\n", " = /* d */ ", "\t=\t"), expression).map(([n, eq, v]) => `${n}${eq}${v.text}`) },
    fc
      .tuple(pick("blk", "a.b", "prometheus.remote_write", "a . b", "a /* c */ . b"), pick("", ' "lbl"', ' ""', ' "é"', " /* c */ "), pick(" {", " {\n", " { // c\n", "{"), tie("body"), pick("}", "\n}", "\n\n}"))
      .map(([name, label, open, inner, close]) => `${name}${label}${open}${inner.length > 0 && !open.endsWith("\n") ? "\n" : ""}${inner}${inner.length > 0 ? "\n" : ""}${close}`),
  ),
  body: fc.array(fc.tuple(tie("statement"), statementEnd), { maxLength: 4 }).map((xs) => xs.map(([s, end], i) => s + (i + 1 < xs.length ? end : "")).join("")),
})).body;

/** A whole file: a body with optional leading and trailing comments and blank lines. */
export const alloySource = fc
  .tuple(pick("", "\n", "// head\n", "/* head */\n\n", "\uFEFF"), body, pick("", "\n", "\n// tail\n", "\n\n\n", "\n/* t\f */"))
  .map(([head, b, tail]) => head + b + tail);

/**
 * A source with comments inserted between tokens: at each chosen token boundary, a block comment (any token
 * boundary) or a line comment followed by a line break. The scanner of the code under test finds the
 * boundaries; inputs that no longer parse are skipped by the campaigns.
 */
export const withInsertedComments = (scanTokens) =>
  fc.tuple(alloySource, fc.array(fc.tuple(fc.nat(), anyComment, pick("", " ", "\n")), { minLength: 1, maxLength: 3 })).map(([src, inserts]) => {
    const toks = scanTokens(src);
    const bounds = [];
    for (let i = 0; i < toks.count; i++) bounds.push(toks.starts[i]);
    let out = src;
    // Insert from the end so earlier offsets stay valid.
    const chosen = inserts.map(([n, c, after]) => [bounds.length ? bounds[n % bounds.length] : 0, c, after]).sort((a, b) => b[0] - a[0]);
    for (const [at, c, after] of chosen) out = out.slice(0, at) + c + (c.startsWith("//") ? "\n" : after) + out.slice(at);
    return out;
  });

/** Byte-level edits of a generated source: insertions of syntax fragments, deletions and duplications. */
const fragment = pick("{", "}", "[", "]", "(", ")", ",", "=", ".", '"', "`", "/*", "*/", "//", "\n", "\\", "\0", "\uFFFD", "\uD800", "+", "1e", "0x", "!", "\t", "\f", "blk {", "a = ");
export const mutatedSource = fc
  .tuple(alloySource, fc.array(fc.tuple(fc.nat(), fc.oneof(fragment.map((f) => ({ insert: f })), fc.nat({ max: 8 }).map((n) => ({ remove: n })), fc.nat({ max: 16 }).map((n) => ({ copy: n })))), { minLength: 1, maxLength: 4 }))
  .map(([src, edits]) => {
    let s = src;
    for (const [pos, e] of edits) {
      const at = s.length ? pos % (s.length + 1) : 0;
      if ("insert" in e) s = s.slice(0, at) + e.insert + s.slice(at);
      else if ("remove" in e) s = s.slice(0, at) + s.slice(at + e.remove);
      else s = s.slice(0, at) + s.slice(at, at + e.copy) + s.slice(at);
    }
    return s;
  });

/** Short strings over Alloy's alphabet, mostly invalid. */
export const alphabetSoup = fc.array(fragment, { maxLength: 40 }).map((a) => a.join(""));

/** Any of the above, for campaigns that only look for crashes and hangs. */
export const anySource = (scanTokens) => fc.oneof(alloySource, withInsertedComments(scanTokens), mutatedSource, alphabetSoup);

/** Deep and long inputs: nesting and operator chains around the parser's limit. */
export const deepSource = fc
  .tuple(pick("(", "[", "{a = ", "-", "!", "f(", "a[", "1 + ", "1 ^ ", "blk {\n"), fc.integer({ min: 1, max: 1200 }), pick("", " + 1", " * 2"))
  .map(([open, n, tail]) => {
    const close = { "(": ")", "[": "]", "{a = ": "}", "f(": ")", "a[": "]", "blk {\n": "}\n" }[open] ?? "";
    if (open === "blk {\n") return open.repeat(n) + "x = 1\n" + close.repeat(n);
    return `x = ${open.repeat(n)}1${close.repeat(n)}${tail.repeat(n % 700)}\n`;
  });

/** Component-shaped sources (otelcol.* components and the bridge dialect), for validate, convert and the LSP. */
export const componentSource = fc
  .array(
    fc.tuple(
      pick('otelcol.receiver.otlp "default"', 'otelcol.exporter.otlp "x"', 'otelcol.processor.batch "b"', 'otel.receiver.otlp "default"', 'otel.exporter.debug "d"', 'otel.pipeline "traces"', 'otel.processor.batch "p"', "logging", 'prometheus.scrape "s"'),
      body,
      pick("", "\n  output {\n    traces = [otelcol.exporter.otlp.x.input]\n  }\n", '\n  receivers = ["otlp"]\n  exporters = ["debug"]\n', "\n  grpc {\n    endpoint = \"127.0.0.1:4317\"\n  }\n"),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((blocks) => blocks.map(([name, inner, extra]) => `${name} {\n${inner}${extra}\n}\n`).join("\n"));

/** Scalars as collector configs write them: strings, numbers in every notation, durations, references, YAML 1.1 words. */
const yamlScalar = pick(
  "localhost:4317", "0.0.0.0:4318", "http://backend:4318", "https://x.example.com/v1", '"quoted: text"', "'single'", "5s", "1m30s", "0", "-1", "50_000",
  "0x1F", "017", "1e3", "3.5", "true", "false", "yes", "~", "null", "''", "${env:HOST}", "${env:PORT:-4317}", "${HOST}", "$${env:LITERAL}", "${file:/x}",
  "éà 日本", "[]", "{}", "[a, b]", "{k: v}", "|\n      block\n      text", ">-\n      folded", "*anchor", "&anchor v", '"\\u00e9\\t"',
);
/** Setting names: real ones of common components and a few that no component has. */
const yamlKey = pick(
  "endpoint", "protocols", "grpc", "http", "tls", "insecure", "ca_file", "headers", "timeout", "send_batch_size", "send_batch_max_size", "check_interval",
  "limit_mib", "spike_limit_mib", "limit_percentage", "actions", "key", "value", "action", "include", "exclude", "match_type", "traces", "metrics", "logs",
  "span", "error_mode", "trace_statements", "log_statements", "context", "statements", "compression", "sending_queue", "retry_on_failure", "enabled",
  "queue_size", "num_consumers", "auth", "authenticator", "config", "scrape_configs", "job_name", "static_configs", "targets", "include_paths", "operators",
  "type", "regex", "multiline", "line_start_pattern", "dimensions", "name", "histogram", "explicit", "buckets", "default_pipelines", "table", "pipelines",
  "policies", "decision_wait", "attributes", "detectors", "override", "collection_interval", "scrapers", "cpu", "memory", "bogus_setting", "<<",
);
const indentBlock = (text, n) => text.split("\n").map((l) => (l ? " ".repeat(n) + l : l)).join("\n");
const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    yamlScalar,
    fc.array(fc.tuple(yamlKey, tie("value")), { maxLength: 3 }).map((kvs) => (kvs.length ? `\n${kvs.map(([k, v]) => indentBlock(`${k}:${v.startsWith("\n") ? v : ` ${v}`}`, 2)).join("\n")}` : " {}")),
    fc.array(tie("value"), { maxLength: 3 }).map((xs) => (xs.length ? `\n${xs.map((v) => `  -${v.startsWith("\n") ? indentBlock(v, 2).replace(/^\n\s*/, " ") : ` ${v}`}`).join("\n")}` : " []")),
  ),
})).value.map((v) => (v.startsWith("\n") ? v : ` ${v}`));

const RECEIVERS = ["otlp", "prometheus", "filelog", "hostmetrics", "jaeger", "kafka", "zipkin", "syslog", "k8s_cluster", "nonesuch"];
const PROCESSORS = ["batch", "memory_limiter", "attributes", "filter", "transform", "resource", "tail_sampling", "resourcedetection", "k8sattributes", "span", "nonesuch"];
const EXPORTERS = ["otlp", "otlphttp", "debug", "prometheusremotewrite", "loki", "kafka", "file", "prometheus", "nonesuch"];
const CONNECTORS = ["spanmetrics", "count", "forward", "routing", "servicegraph"];
const EXTENSIONS = ["health_check", "basicauth", "bearertokenauth", "file_storage", "pprof", "oauth2client"];
const idOf = (types) => fc.tuple(fc.constantFrom(...types), pick("", "/a", "/b", "/2", "/é", "/")).map(([t, n]) => t + n);
const section = (name, types) =>
  fc.array(fc.tuple(idOf(types), yamlValue), { maxLength: 3 }).map((items) => (items.length ? `${name}:\n${items.map(([id, v]) => indentBlock(`${id}:${v}`, 2)).join("\n")}\n` : ""));
const idList = (types) => fc.array(idOf(types), { maxLength: 3 }).map((ids) => `[${ids.join(", ")}]`);
const pipeline = fc
  .tuple(pick("traces", "metrics", "logs", "profiles", "traces/x", "logs/2", "metrics/é", "bogus"), idList([...RECEIVERS, ...CONNECTORS]), idList(PROCESSORS), idList([...EXPORTERS, ...CONNECTORS]))
  .map(([name, r, p, e]) => `    ${name}:\n      receivers: ${r}\n      processors: ${p}\n      exporters: ${e}`);

/** Collector YAML: sections of real and unknown component types with random settings, and pipelines over them. */
export const collectorYaml = fc
  .tuple(
    section("receivers", RECEIVERS),
    section("processors", PROCESSORS),
    section("exporters", EXPORTERS),
    section("connectors", CONNECTORS),
    section("extensions", EXTENSIONS),
    fc.array(pipeline, { maxLength: 3 }),
    fc.subarray(EXTENSIONS.map((e) => e)),
    fc.option(yamlValue, { nil: undefined }),
  )
  .map(([r, p, e, c, x, pipes, exts, telemetry]) => `${r}${p}${e}${c}${x}service:\n  extensions: [${exts.join(", ")}]\n${telemetry ? `  telemetry:${indentBlock(telemetry, 2)}\n` : ""}  pipelines:\n${pipes.join("\n") || "    {}"}\n`);

/** Collector YAML with bytes changed, removed or repeated: indentation and quoting faults. */
export const mutatedYaml = fc
  .tuple(collectorYaml, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), pick("", " ", "  ", "\t", ":", "-", "'", '"', "{", "[", "&a", "*a", "\n", "#", "${", "\u0000", "\uFEFF", "é")), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let out = text;
    for (const [at, drop, ins] of edits) {
      const p = at % (out.length + 1);
      out = out.slice(0, p) + ins + out.slice(p + drop);
    }
    return out;
  });

/** Collector YAML whose pipelines use the components it declares, so that more of it converts. */
export const wiredCollectorYaml = fc
  .tuple(
    fc.uniqueArray(idOf(["otlp", "prometheus", "filelog", "hostmetrics", "jaeger", "zipkin"]), { minLength: 1, maxLength: 2 }),
    fc.uniqueArray(idOf(["batch", "memory_limiter", "attributes", "resource", "filter", "transform"]), { maxLength: 3 }),
    fc.uniqueArray(idOf(["otlp", "otlphttp", "debug", "prometheusremotewrite", "loki", "file"]), { minLength: 1, maxLength: 2 }),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: yamlValue }), { minLength: 7, maxLength: 7 }),
    pick("traces", "metrics", "logs"),
  )
  .map(([rs, ps, es, values, signal]) => {
    const body = (id, i) => `  ${id}:${values[i % values.length] ?? " {}"}`;
    return `receivers:\n${rs.map(body).join("\n")}\n${ps.length ? `processors:\n${ps.map((p, i) => body(p, i + 2)).join("\n")}\n` : ""}exporters:\n${es.map((e, i) => body(e, i + 5)).join("\n")}\nservice:\n  pipelines:\n    ${signal}:\n      receivers: [${rs.join(", ")}]\n      processors: [${ps.join(", ")}]\n      exporters: [${es.join(", ")}]\n`;
  });
