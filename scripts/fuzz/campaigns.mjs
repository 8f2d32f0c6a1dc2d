/**
 * The fuzz campaigns: one per entry point (parse, format, validate, the language service, Alloy → collector YAML
 * conversion, collector YAML → Alloy in each dialect, collector YAML validation, OTLP decoding), each a fast-check property over generated inputs, and the invariants they check.
 *
 * Libraries are passed in (`createCampaigns`), so that `npm run fuzz` runs the built packages and the test suite
 * runs their sources. A campaign never stops at the first finding: each failure is shrunk by fast-check,
 * recorded, and the campaign goes on with a new seed until its budget of inputs or seconds is spent.
 */
import fc from "fast-check";
import * as gen from "./generators.mjs";

/** An input that takes longer than this to process counts as a hang. */
export const SLOW_MS = 2000;

export class Finding extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // "crash" | "hang" | "invariant"
  }
}

const crash = (what, err) => new Finding("crash", `${what} threw: ${err instanceof Error ? err.stack?.split("\n").slice(0, 3).join(" | ") : String(err)}`);
const violation = (message) => new Finding("invariant", message);

/** Runs `fn`, turning exceptions into crash findings and slow runs into hang findings. */
function guarded(what, fn) {
  const t0 = performance.now();
  let out;
  try {
    out = fn();
  } catch (err) {
    if (err instanceof Finding) throw err;
    throw crash(what, err);
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Finding("hang", `${what} took ${Math.round(ms)} ms`);
  return out;
}

export function createCampaigns(libs) {
  const { grammar, validator, lsp, converter, runtime } = libs;
  const { unquote } = grammar;
  const { parse, format, scanTokens } = grammar;

  const internal = (diags) => diags.find((d) => /internal/.test(d.code ?? "") || /internal .*error|Maximum call stack/i.test(d.message ?? ""));

  /** Parse with the invariants every parse must keep: no internal error, ranges inside the text. */
  function checkedParse(text) {
    const r = guarded("parse", () => parse(text));
    const bad = internal(r.diagnostics);
    if (bad) throw new Finding("crash", `parse reported an internal error: ${bad.message}`);
    const len = r.source.text.length;
    for (const d of r.diagnostics) if (!(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= len)) throw violation(`diagnostic range ${JSON.stringify(d.range)} outside the text (${len})`);
    return r;
  }

  /**
   * What a file means: its tree with positions dropped, string literals and quoted keys decoded, and its comment
   * texts in order. Two sources with the same meaning configure the same thing and keep the same comments.
   */
  function meaning(r) {
    const text = r.source.text;
    const norm = (node) => {
      if (Array.isArray(node)) return node.map(norm);
      if (node === null || typeof node !== "object") return node;
      const out = {};
      for (const [k, v] of Object.entries(node)) {
        if (["start", "end", "opStart", "opEnd", "lBrack", "lParen", "lCurly", "rCurly", "nameEnd", "labelStart", "labelEnd", "comments"].includes(k)) continue;
        out[k] = norm(v);
      }
      if (node.kind === "Literal" && node.literal === "string") out.raw = unquote(node.raw);
      if (node.kind === "Field" || (node.quoted !== undefined && "value" in node)) {
        if (node.quoted) out.name = grammar.fieldKey(node, text);
        delete out.quoted;
      }
      return out;
    };
    const comments = r.file.comments.flatMap((g) => g.comments.map((c) => c.text.replace(/\r/g, "")));
    return JSON.stringify({ body: norm(r.file.body), comments });
  }

  function formatted(text, options, what) {
    const r = guarded(what, () => format(text, options));
    if (!r.ok) throw violation(`${what} failed on input that parses: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    return r.text;
  }

  /** The code tokens of a text (comments left out), as one string. */
  const codeTokens = (s) => {
    const t = scanTokens(s);
    const parts = [];
    for (let i = 0; i < t.count; i++) parts.push(t.kinds[i] === grammar.Tok.TERMINATOR ? ";" : s.slice(t.starts[i], t.ends[i]));
    // A trailing comma before a closer is optional: the printer adds or drops it by line structure.
    return parts.filter((p, i) => !(p === "," && [")", "]", "}"].includes(parts.slice(i + 1).find((q) => q !== ";")))).join("\u0000");
  };

  const stats = { strictNonIdempotent: 0, skippedInvalid: 0 };

  const campaigns = {
    parse: {
      arbitrary: fc.oneof(gen.anySource(scanTokens), gen.deepSource),
      check(text) {
        checkedParse(text);
        guarded("scanTokens", () => scanTokens(text, { includeComments: true }));
      },
    },

    format: {
      arbitrary: fc.oneof({ weight: 2, arbitrary: gen.alloySource }, { weight: 3, arbitrary: gen.withInsertedComments(scanTokens) }, gen.mutatedSource, gen.deepSource),
      check(text) {
        const src = checkedParse(text);
        // The upstream-compatible printer must not crash either; its output is upstream's, quirks included.
        const compat = guarded("format --compat=upstream", () => format(text, { compat: "upstream" }));
        if (src.diagnostics.length > 0) {
          const r = guarded("format", () => format(text));
          if (r.ok) throw violation("format succeeded on input with syntax errors");
          if (compat.ok) throw violation("format --compat=upstream succeeded on input with syntax errors");
          stats.skippedInvalid++;
          return;
        }
        if (!compat.ok) throw violation(`format --compat=upstream failed on valid input: ${compat.diagnostics[0]?.message}`);
        const out = formatted(text, {}, "format");
        const again = checkedParse(out);
        if (again.diagnostics.length > 0) throw violation(`output does not parse: ${again.diagnostics[0].message} in ${JSON.stringify(out)}`);
        if (meaning(again) !== meaning(src)) throw violation(`output means something else: ${JSON.stringify(out)}`);
        const out2 = formatted(out, {}, "format (second run)");
        if (out2 !== out) {
          // Upstream's printer is not idempotent (spec F36): alignment groups follow source line spans, and a
          // comment between tokens may move by a token on each run (F32). A second run may do only that: the
          // same tokens, the same meaning, and a fixed point within a few runs.
          stats.strictNonIdempotent++;
          const again2 = checkedParse(out2);
          if (again2.diagnostics.length > 0 || meaning(again2) !== meaning(src)) throw violation(`second run changes the meaning: ${JSON.stringify(out)} -> ${JSON.stringify(out2)}`);
          if (codeTokens(out) !== codeTokens(out2)) throw violation(`second run changes more than layout and comment placement: ${JSON.stringify(out)} -> ${JSON.stringify(out2)}`);
          let prev = out2;
          for (let run = 3; ; run++) {
            const next = formatted(prev, {}, `format (run ${run})`);
            if (next === prev) break;
            if (run === 6) throw violation(`format does not reach a fixed point in five runs: ${JSON.stringify(out)}`);
            prev = next;
          }
        }
      },
    },

    validate: {
      arbitrary: fc.oneof(gen.componentSource, gen.anySource(scanTokens), gen.deepSource),
      check(text) {
        const diags = guarded("validate", () => validator.validate([{ name: "fuzz.alloy", text }]));
        const bad = internal(diags);
        if (bad) throw new Finding("crash", `validate reported an internal error: ${bad.message}`);
      },
    },

    lsp: {
      arbitrary: fc.tuple(fc.oneof(gen.componentSource, gen.anySource(scanTokens), gen.deepSource), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })),
      check([text, offsets]) {
        const ctx = (campaigns.lsp.ctx ??= lsp.defaultServiceContext());
        const analysis = guarded("analyze", () => lsp.analyze("file:///fuzz.alloy", 1, text));
        const lines = text.split("\n");
        const positions = offsets.map((n) => {
          const line = n % lines.length;
          return { line, character: Math.floor(n / lines.length) % (lines[line].length + 1) };
        });
        const diags = guarded("diagnostics", () => lsp.allDiagnostics(analysis, ctx));
        const bad = diags.find((d) => /internal .*error|Maximum call stack/i.test(d.message));
        if (bad) throw new Finding("crash", `language service diagnostics report an internal error: ${bad.message}`);
        guarded("documentSymbols", () => lsp.documentSymbols(analysis));
        guarded("foldingRanges", () => lsp.foldingRanges(analysis));
        guarded("semanticTokens", () => lsp.semanticTokens(analysis));
        const edits = guarded("formatDocument", () => lsp.formatDocument(analysis));
        guarded("codeActions", () => lsp.codeActions(analysis, diags, ctx));
        for (const p of positions) {
          guarded("hover", () => lsp.hover(analysis, p, ctx));
          guarded("complete", () => lsp.complete(analysis, p, ctx));
          guarded("definition", () => lsp.definition(analysis, p));
          guarded("references", () => lsp.references(analysis, p, true));
          guarded("signatureHelp", () => lsp.signatureHelp(analysis, p, ctx));
          guarded("prepareRename", () => lsp.prepareRename(analysis, p));
          guarded("rename", () => lsp.rename(analysis, p, "renamed"));
          guarded("formatRange", () => lsp.formatRange(analysis, { start: p, end: { line: p.line + 1, character: 0 } }));
        }
        // Formatting through the server gives what `alloy fmt` prints.
        const r = format(text);
        if (r.ok) {
          if (edits.length > 1) throw violation(`formatDocument returned ${edits.length} edits`);
          let after = text;
          if (edits.length === 1) {
            // LSP positions count lines as the protocol does (CR, LF and CRLF end a line): the analysis's own index.
            const a = analysis.lines.offsetAt(edits[0].range.start);
            const b = analysis.lines.offsetAt(edits[0].range.end);
            after = text.slice(0, a) + edits[0].newText + text.slice(b);
          }
          if (after.replace(/^\uFEFF/, "") !== r.text) throw violation(`formatDocument gives ${JSON.stringify(after)}, format ${JSON.stringify(r.text)}`);
        }
      },
    },

    convert: {
      arbitrary: fc.oneof(gen.componentSource, gen.anySource(scanTokens)),
      check(text) {
        const r = guarded("convert (Alloy → collector YAML)", () => converter.convertAlloyToOtelcol(text, { fileName: "fuzz.alloy" }));
        const bad = r.diagnostics.find((d) => /internal .*error|Maximum call stack/i.test(d.message ?? ""));
        if (bad) throw new Finding("crash", `convert reported an internal error: ${bad.message}`);
      },
    },

    // Collector YAML → Alloy in each dialect: no crash, and what is printed parses, formats to itself and (in the
    // otelcol dialects, when the conversion reports no error) validates without errors.
    "convert-yaml": {
      arbitrary: fc.oneof({ weight: 3, arbitrary: gen.wiredCollectorYaml }, { weight: 2, arbitrary: gen.collectorYaml }, gen.mutatedYaml),
      check(text) {
        const runs = [
          ["default", () => converter.convertOtelcol(text, { fileName: "fuzz.yaml" })],
          ["--compat=upstream", () => converter.convertOtelcol(text, { fileName: "fuzz.yaml", compat: "upstream" })],
          ["hybrid", () => converter.convertOtelcolToHybrid(text, { fileName: "fuzz.yaml" })],
          ["bridge", () => converter.convertOtelcolToBridge(text, { fileName: "fuzz.yaml" })],
        ];
        for (const [dialect, run] of runs) {
          const what = `convert ${dialect}`;
          const r = guarded(what, run);
          const bad = r.diagnostics.find((d) => /internal .*error|Maximum call stack/i.test(d.message ?? ""));
          if (bad) throw new Finding("crash", `${what} reported an internal error: ${bad.message}`);
          if (r.output === undefined || r.output === "") continue;
          const parsed = checkedParse(r.output);
          if (parsed.diagnostics.length) throw violation(`${what}: output does not parse: ${parsed.diagnostics[0].message} in ${JSON.stringify(r.output.slice(0, 400))}`);
          const again = guarded("format", () => format(r.output));
          if (again.ok && again.text !== r.output) throw violation(`${what}: output is not formatted: ${JSON.stringify(r.output.slice(0, 400))}`);
          // An output the conversion calls good (no error) must load: it validates without errors.
          const failed = r.diagnostics.some((d) => d.severity === "error" || d.severity === "critical");
          if ((dialect === "default" || dialect === "hybrid") && !failed) {
            const errors = guarded("validate", () => validator.validate([{ name: "out.alloy", text: r.output }], { stabilityLevel: "experimental", communityComponents: true })).filter((d) => d.severity === "error");
            if (errors.length) throw violation(`${what}: output does not validate: ${errors[0].message} in ${JSON.stringify(r.output.slice(0, 400))}`);
          }
        }
      },
    },

    "validate-yaml": {
      arbitrary: fc.oneof(gen.collectorYaml, gen.wiredCollectorYaml, gen.mutatedYaml),
      check(text) {
        const r = guarded("validate --source-format=otelcol", () => validator.validateOtelcolYaml(text, "fuzz.yaml", { decodeFallback: converter.decodeWithDescription }));
        const diags = Array.isArray(r) ? r : (r.diagnostics ?? []);
        const bad = internal(diags);
        if (bad) throw new Finding("crash", `validate --source-format=otelcol reported an internal error: ${bad.message}`);
      },
    },

    // OTLP decoding of hostile bytes and JSON never throws, and what decodes encodes and decodes to itself.
    otlp: {
      arbitrary: fc.tuple(
        fc.constantFrom("traces", "metrics", "logs"),
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => ({ seed })), fc.json({ depthSize: "small" })),
      ),
      check([signal, input]) {
        const { decodeExportRequest, encodeExportRequest, parseOtlpJson, generateTelemetry } = runtime;
        if (typeof input === "string") {
          guarded("parseOtlpJson", () => parseOtlpJson(signal, input));
          return;
        }
        let bytes = input;
        if (!(input instanceof Uint8Array)) {
          // A well-formed payload of the generated set with bytes flipped at seeded places.
          const set = generateTelemetry();
          const t = set[signal][input.seed % set[signal].length];
          bytes = Uint8Array.from(encodeExportRequest(t));
          for (let k = 0, x = input.seed; k < 3 && bytes.length; k++, x = (x * 1103515245 + 12345) % 2 ** 31) bytes[x % bytes.length] ^= 1 << (x % 8);
        }
        const decoded = guarded("decodeExportRequest", () => decodeExportRequest(signal, bytes));
        if ("error" in decoded) return;
        const encoded = guarded("encodeExportRequest", () => encodeExportRequest(decoded));
        const twice = guarded("decodeExportRequest (re-encoded)", () => decodeExportRequest(signal, encoded));
        if ("error" in twice) throw violation(`a decoded payload re-encodes to bytes that do not decode: ${twice.error}`);
        if (JSON.stringify(twice.data) !== JSON.stringify(decoded.data)) throw violation("decode → encode → decode changes the payload");
      },
    },
  };
  return { campaigns, stats, meaning };
}

/**
 * The input of a campaign as stored in a seed file: the lsp campaign's input is [text, offsets] (the text is
 * kept), the otlp campaign's [signal, bytes | {seed} | JSON text] (kept as JSON, bytes as a list).
 */
export const toSeedText = (name, input) =>
  name === "lsp" ? input[0] : name === "otlp" ? JSON.stringify([input[0], input[1] instanceof Uint8Array ? { bytes: [...input[1]] } : input[1]]) : input;
export const fromSeedText = (name, text) => {
  if (name === "lsp") return [text, [0, 7, 31]];
  if (name !== "otlp") return text;
  const [signal, input] = JSON.parse(text);
  return [signal, input && typeof input === "object" && Array.isArray(input.bytes) ? Uint8Array.from(input.bytes) : input];
};

/**
 * Runs one campaign within a budget: `inputs` generated inputs or `seconds`, whichever ends first. `seeds` are run
 * first (regressions). Returns counts and the shrunk findings. `onInput` sees every input before it is tried.
 */
export function runCampaign(campaign, name, { inputs = 1000, seconds = Infinity, seed = Date.now() % 2 ** 31, seeds = [], onInput = () => {} } = {}) {
  const result = { name, tried: 0, crash: 0, hang: 0, invariant: 0, findings: [], seed };
  const record = (err, input, fromSeed) => {
    const kind = err instanceof Finding ? err.kind : "crash";
    result[kind]++;
    result.findings.push({ kind, message: String(err.message).slice(0, 500), input: toSeedText(name, input), fromSeed });
  };
  for (const s of seeds) {
    result.tried++;
    onInput(toSeedText(name, fromSeedText(name, s)));
    try {
      campaign.check(fromSeedText(name, s));
    } catch (err) {
      record(err, fromSeedText(name, s), true);
    }
  }
  const deadline = Date.now() + seconds * 1000;
  let left = inputs;
  let runSeed = seed;
  while (left > 0 && Date.now() < deadline) {
    let counted = 0;
    const property = fc.property(campaign.arbitrary, (input) => {
      counted++;
      onInput(toSeedText(name, input));
      campaign.check(input);
    });
    const out = fc.check(property, { numRuns: left, seed: runSeed, interruptAfterTimeLimit: Math.max(1, deadline - Date.now()), markInterruptAsFailure: false, endOnFailure: false });
    result.tried += counted;
    if (out.failed && out.counterexample) {
      record(out.errorInstance ?? new Error(String(out.error)), out.counterexample[0], false);
      left -= out.numRuns;
      runSeed = (runSeed * 1103515245 + 12345) % 2 ** 31;
      if (result.findings.length >= 50) break;
    } else left = 0;
  }
  return result;
}
