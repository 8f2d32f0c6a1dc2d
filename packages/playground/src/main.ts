/**
 * The playground page: an editor for a collector config or an Alloy file and, as the text changes (debounced),
 * its conversion in each dialect, the diagnostics as editor markers, the pipeline graph and, on request, a run of
 * sample telemetry. The state lives in the URL fragment. Everything runs in the page; nothing is fetched or sent.
 */
import { EditorState, Compartment, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, forceLinting, type Diagnostic } from "@codemirror/lint";
import { alloyLanguage } from "./alloy-language.js";
import { analyze, convertOne, detectFormat, DIALECTS, drawGraph, fileNameOf, formatAlloy, type Analysis, type Conversion, type InputFormat } from "./analyze.js";
import { runSample, type RunResult } from "./run.js";
import { decodeState, encodeState, type PageState } from "./state.js";
import { SAMPLE } from "./sample.js";
import { loadSchemas } from "./shims/fs.js";

const DEBOUNCE_MS = 250;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

const ui = {
  input: $<HTMLSelectElement>("input-format"),
  detected: $("detected"),
  fmt: $<HTMLButtonElement>("fmt"),
  autoFmt: $<HTMLInputElement>("auto-fmt"),
  run: $<HTMLButtonElement>("run"),
  link: $<HTMLButtonElement>("copy-link"),
  tabs: $("tabs"),
  outputStatus: $("output-status"),
  outputDiagnostics: $("output-diagnostics"),
  problems: $("problems"),
  graph: $("graph"),
  graphStatus: $("graph-status"),
  runStatus: $("run-status"),
  runResult: $("run-result"),
  status: $("status"),
};

let state: PageState = { text: SAMPLE, input: "auto", tab: "" };
let current: Analysis | undefined;
let pending: ReturnType<typeof setTimeout> | undefined;
let generation = 0;
let firstConversion = true;

const language = new Compartment();
const languageOf = (f: InputFormat | "yaml"): Extension => (f === "alloy" ? alloyLanguage : yaml());

const inputFormat = (): InputFormat => (state.input === "otelcol" || state.input === "alloy" ? state.input : detectFormat(state.text));

/** The analysis's diagnostics as editor markers; CodeMirror asks for them after each change settles. */
const diagnosticsSource = linter(
  (view): Diagnostic[] => {
    if (!current || view.state.doc.toString() !== state.text) return [];
    const length = view.state.doc.length;
    return current.diagnostics.map((d) => {
      const from = Math.min(d.from, length);
      return { from, to: Math.min(Math.max(d.to, from), length), severity: d.severity, message: d.message, source: d.source };
    });
  },
  { delay: 0, needsRefresh: () => true },
);

const editor = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: state.text,
    extensions: [
      basicSetup,
      keymap.of([indentWithTab]),
      language.of(languageOf(inputFormat())),
      diagnosticsSource,
      lintGutter(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          state.text = u.state.doc.toString();
          schedule();
        }
      }),
      EditorView.contentAttributes.of({ "aria-label": "configuration" }),
    ],
  }),
});

const outputLanguage = new Compartment();
const output = new EditorView({
  parent: $("output"),
  state: EditorState.create({
    doc: "",
    extensions: [basicSetup, outputLanguage.of(alloyLanguage), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ "aria-label": "conversion" })],
  }),
});

function schedule(): void {
  if (pending !== undefined) clearTimeout(pending);
  ui.status.textContent = "editing…";
  pending = setTimeout(() => void refresh(), DEBOUNCE_MS);
}

/** Recomputes everything from the editor's text; a newer edit makes a running refresh drop its results. */
async function refresh(): Promise<void> {
  pending = undefined;
  const mine = ++generation;
  const format = inputFormat();
  ui.detected.textContent = state.input === "auto" ? `(${format === "otelcol" ? "collector YAML" : "Alloy"})` : "";
  editor.dispatch({ effects: language.reconfigure(languageOf(format)) });
  ui.fmt.disabled = format !== "alloy";
  if (ui.autoFmt.checked && format === "alloy" && formatInPlace()) return;
  if (firstConversion) {
    // On opening, the conversion shown comes first; the other dialects, the checks and the graph follow.
    firstConversion = false;
    const dialect = DIALECTS[format].find((d) => d.id === state.tab) ?? DIALECTS[format][0]!;
    showOutput(convertOne(dialect, state.text, fileNameOf(format)));
    // Milliseconds from the start of navigation to the first conversion on screen (the bench reads it).
    document.body.dataset.firstConversionMs = String(Math.round(performance.now()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (mine !== generation) return;
  }
  try {
    await loadSchemas();
  } catch (e) {
    ui.status.textContent = e instanceof Error ? e.message : String(e);
    return;
  }
  if (mine !== generation) return;
  const started = performance.now();
  current = analyze(state.text, format);
  showConversions(current);
  forceLinting(editor);
  showProblems(current);
  ui.status.textContent = `analysed in ${Math.round(performance.now() - started)} ms`;
  void saveState();
  const analysis = current;
  ui.graphStatus.textContent = "drawing…";
  try {
    const svg = await drawGraph(analysis.graph);
    if (mine !== generation) return;
    ui.graph.innerHTML = svg;
    const problems = analysis.graph.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    ui.graphStatus.textContent = `${analysis.graph.nodes.length} components, ${analysis.graph.edges.length} links` + (problems.length ? ` — not fully read: ${problems.join("; ")}` : "");
  } catch (e) {
    if (mine !== generation) return;
    ui.graph.textContent = "";
    ui.graphStatus.textContent = `the graph could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
  }
  document.body.dataset.generation = String(mine);
}

/** Replaces the editor's text by its `alloy fmt` form; true when that changed the text (a new refresh follows). */
function formatInPlace(): boolean {
  const formatted = formatAlloy(state.text);
  if (formatted === undefined || formatted === state.text) return false;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: formatted } });
  return true;
}

function showConversions(a: Analysis): void {
  const dialects = DIALECTS[a.format];
  if (!dialects.some((d) => d.id === state.tab)) state.tab = dialects[0]!.id;
  ui.tabs.replaceChildren(
    ...a.conversions.map((c) => {
      const b = document.createElement("button");
      b.type = "button";
      b.role = "tab";
      b.dataset.dialect = c.dialect.id;
      b.setAttribute("aria-selected", String(c.dialect.id === state.tab));
      const errors = c.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error").length;
      b.textContent = c.dialect.title + (c.output === undefined ? " ✗" : errors ? " !" : "");
      b.title = c.output === undefined ? "no output: see the messages below" : `${Math.round(c.ms)} ms`;
      b.onclick = () => {
        state.tab = c.dialect.id;
        showConversions(a);
        void saveState();
      };
      return b;
    }),
  );
  showOutput(a.conversions.find((x) => x.dialect.id === state.tab)!);
}

/** One conversion in the output editor, with its messages. */
function showOutput(c: Conversion): void {
  const text = c.output ?? "";
  output.dispatch({
    changes: { from: 0, to: output.state.doc.length, insert: text },
    effects: outputLanguage.reconfigure(languageOf(c.dialect.output === "yaml" ? "yaml" : "alloy")),
  });
  ui.outputStatus.textContent = c.output === undefined ? "No output was produced." : `${text.split("\n").length - 1} lines, ${Math.round(c.ms)} ms`;
  ui.outputDiagnostics.replaceChildren(
    ...c.diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `severity-${d.severity}`;
      const where = d.position ? ` (at ${d.position.line}:${d.position.column})` : "";
      li.textContent = `(${d.severity}) ${d.message}${where}${d.detail ? `\n${d.detail}` : ""}`;
      return li;
    }),
  );
}

function showProblems(a: Analysis): void {
  const doc = editor.state.doc;
  ui.problems.replaceChildren(
    ...a.diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `severity-${d.severity}`;
      const line = doc.lineAt(Math.min(d.from, doc.length));
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${line.number}:${Math.min(d.from, doc.length) - line.from + 1}`;
      button.onclick = () => {
        editor.dispatch({ selection: { anchor: Math.min(d.from, doc.length), head: Math.min(d.to, doc.length) }, scrollIntoView: true });
        editor.focus();
      };
      li.append(button, ` ${d.severity}: ${d.message} — ${d.source}`);
      return li;
    }),
  );
  if (a.diagnostics.length === 0) ui.problems.textContent = "No problems found.";
}

async function saveState(): Promise<void> {
  const fragment = await encodeState(state);
  history.replaceState(null, "", `#${fragment}`);
}

async function runTelemetry(): Promise<void> {
  ui.run.disabled = true;
  ui.runStatus.textContent = "running…";
  try {
    showRun(await runSample(state.text, inputFormat()));
  } catch (e) {
    ui.runStatus.textContent = `the run failed: ${e instanceof Error ? e.message : String(e)}`;
    ui.runResult.replaceChildren();
  } finally {
    ui.run.disabled = false;
  }
}

const SIGNAL_NAMES = ["traces", "metrics", "logs"] as const;

function showRun(r: RunResult): void {
  const fed = Object.entries(r.input).map(([s, n]) => `${n} ${s} payloads`).join(", ");
  const problems = r.diagnostics.map((d) => `${d.severity}: ${d.subject ? d.subject + ": " : ""}${d.message}`);
  ui.runStatus.textContent = r.components.length === 0 ? `The pipeline could not be run: ${problems.join("; ")}` : `Fed ${fed || "nothing"} to the receivers; ${Math.round(r.ms)} ms.` + (problems.length ? ` ${problems.join("; ")}` : "");
  const table = document.createElement("table");
  table.className = "counts";
  const head = table.createTHead().insertRow();
  for (const h of ["component", "kind", ...SIGNAL_NAMES.map((s) => `${s} in → out`)]) head.append(Object.assign(document.createElement("th"), { textContent: h }));
  const body = table.createTBody();
  for (const c of r.components) {
    const row = body.insertRow();
    row.dataset.component = c.id;
    row.insertCell().textContent = c.id;
    row.insertCell().textContent = c.kind;
    for (const s of SIGNAL_NAMES) {
      const n = c.counts[s];
      const cell = row.insertCell();
      cell.dataset.signal = s;
      cell.textContent = n ? `${n.in} → ${n.out}${n.refused ? ` (${n.refused} refused)` : ""}` : "";
      if (n) {
        cell.dataset.in = String(n.in);
        cell.dataset.out = String(n.out);
      }
    }
  }
  const emitted = r.components
    .filter((c) => c.last.length > 0)
    .map((c) => {
      const d = document.createElement("details");
      d.dataset.component = c.id;
      const what = c.kind === "exporter" ? "received" : "emitted";
      d.append(Object.assign(document.createElement("summary"), { textContent: `${c.id}: last ${c.last.length} payloads ${what}` }));
      for (const p of c.last) {
        const pre = document.createElement("pre");
        pre.textContent = `${p.signal}, ${p.items} items\n${JSON.stringify(p.data, null, 2)}`;
        d.append(pre);
      }
      return d;
    });
  ui.runResult.replaceChildren(table, ...emitted);
}

ui.input.onchange = () => {
  state.input = ui.input.value;
  void refresh();
};
ui.fmt.onclick = () => {
  if (!formatInPlace()) ui.status.textContent = formatAlloy(state.text) === undefined ? "fmt: the file has syntax errors" : "fmt: already formatted";
};
ui.autoFmt.onchange = () => void refresh();
ui.run.onclick = () => void runTelemetry();
ui.link.onclick = async () => {
  await saveState();
  try {
    await navigator.clipboard.writeText(location.href);
    ui.status.textContent = "link copied";
  } catch {
    ui.status.textContent = "the link is the page's address";
  }
};

async function start(): Promise<void> {
  const saved = await decodeState(location.hash);
  if (saved) {
    state = saved;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: saved.text } });
  }
  ui.input.value = state.input;
  if (pending !== undefined) clearTimeout(pending);
  await refresh();
}

window.addEventListener("hashchange", () => {
  void decodeState(location.hash).then((s) => {
    if (!s || s.text === state.text) return;
    state = s;
    ui.input.value = s.input;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: s.text } });
  });
});

void start();

/** For scripts driving the page (the browser test, the bench): the texts the editors hold, which they only partly draw. */
(window as unknown as { alloyPlayground: unknown }).alloyPlayground = {
  text: () => editor.state.doc.toString(),
  output: () => output.state.doc.toString(),
  tab: () => state.tab,
};
