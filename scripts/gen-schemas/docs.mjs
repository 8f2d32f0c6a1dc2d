/**
 * Facts read from upstream's component reference pages (docs/sources/reference/components/**): which telemetry
 * signals an `otelcol.Consumer` input accepts. Only the signal names are extracted.
 */

const SIGNALS = ["metrics", "logs", "traces"];

/** Signals accepted by the `input` export of an otelcol component, or undefined when the page says nothing. */
export function signalsFromDocs(src, componentName) {
  if (!componentName.startsWith("otelcol.")) return undefined;
  const file = `docs/sources/reference/components/otelcol/${componentName}.md`;
  const text = src.read(file);
  if (!text) return undefined;
  const start = text.search(/^`input` accepts/m);
  if (start < 0) return undefined;
  const rest = text.slice(start);
  const end = rest.search(/\n#|\n\n(?![*-] )/);
  const para = (end < 0 ? rest : rest.slice(0, end)).toLowerCase();
  if (/any telemetry signal|traces, metrics, and logs|metrics, logs, and traces|all telemetry/.test(para)) return [...SIGNALS];
  // Everything after a negation names signals that are not accepted.
  const cut = para.search(/doesn't accept|does not accept|other telemetry signals|are ignored/);
  const positive = cut < 0 ? para : para.slice(0, cut);
  const found = SIGNALS.filter((s) => new RegExp(`\\b${s}\\b`).test(positive));
  return found.length ? found : undefined;
}
