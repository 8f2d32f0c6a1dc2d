/**
 * Errors stay where they are typed: every file of ../shared/corpus/alloy has statements retyped character by
 * character (plain, and with brackets and quotes closed automatically as editors do), and after each keystroke
 * the diagnostics outside the statement being typed are counted, less those the file has without the statement
 * and with it complete. The count is printed and must be 0. By default one attribute per file is retyped (a few
 * seconds); ALLOY_REPLAY_ALL=1 retypes every single-line attribute.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allDiagnostics, analyze, defaultServiceContext } from "@alloy-ts/lsp";
import { shared, sharedDir } from "../support/shared.js";

const ctx = defaultServiceContext();
const dir = sharedDir ? shared("corpus", "alloy") : undefined;
if (!dir) console.warn("typing-replay.test: skipped: ../shared/corpus/alloy is not available");

function files(d: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith(".alloy")) out.push(p);
  }
  return out.sort();
}

/** Single-line attributes `name = value` (with their line's offsets), outside comments. */
function attributes(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /^([ \t]*)([A-Za-z_][A-Za-z0-9_]*[ \t]*=[^=\n][^\n]*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const stmt = m[2]!;
    if (/\/\/|\/\*|[[{(]$/.test(stmt) || (stmt.match(/"/g)?.length ?? 0) % 2) continue;
    const start = m.index + m[1]!.length;
    out.push({ start, end: start + stmt.length });
  }
  return out;
}

/** The pairs the VS Code extension closes automatically (packages/vscode-extension/language-configuration.json). */
const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", '"': '"', "`": "`" };

/** The text typed after each keystroke, without or with automatic closers after the cursor. */
function keystrokes(stmt: string, autoClose: boolean): { typed: string; cursor: number }[] {
  const out: { typed: string; cursor: number }[] = [];
  let before = "";
  const pending: string[] = [];
  for (const ch of stmt) {
    if (autoClose && pending.at(-1) === ch) pending.pop();
    else if (autoClose && CLOSERS[ch] && pending.at(-1) !== '"' && pending.at(-1) !== "`") pending.push(CLOSERS[ch]!);
    before += ch;
    out.push({ typed: before + [...pending].reverse().join(""), cursor: before.length });
  }
  return out;
}

const key = (d: { message: string; range: { start: { line: number; character: number } } }, lineShift: number): string => `${d.range.start.line - lineShift}:${d.range.start.character}:${d.message}`;

describe.skipIf(!dir)("typing replay over the corpus", () => {
  it("counts diagnostics outside the statement being typed", () => {
    const all = process.env.ALLOY_REPLAY_ALL === "1";
    let outside = 0;
    let keystrokesRun = 0;
    let statements = 0;
    const worst: string[] = [];
    const byMessage = new Map<string, number>();
    for (const file of files(dir!)) {
      const text = readFileSync(file, "utf8").replace(/\r\n/g, "\n");
      const attrs = attributes(text);
      const chosen = all ? attrs : attrs.slice(Math.floor(attrs.length / 2), Math.floor(attrs.length / 2) + 1);
      for (const { start, end } of chosen) {
        statements++;
        const stmt = text.slice(start, end);
        const before = text.slice(0, start);
        const after = text.slice(end);
        const stmtLine = before.split("\n").length - 1;
        // Diagnostics the file has anyway: without the statement, and with it complete (same lines: one line).
        const allowed = new Set<string>();
        for (const t of [before + after, text]) for (const d of allDiagnostics(analyze("file:///r.alloy", 1, t), ctx)) allowed.add(key(d, 0));
        for (const autoClose of [false, true]) {
          for (const { typed } of keystrokes(stmt, autoClose)) {
            keystrokesRun++;
            const doc = before + typed + after;
            for (const d of allDiagnostics(analyze("file:///r.alloy", 1, doc), ctx)) {
              if (d.range.start.line === stmtLine) continue;
              if (allowed.has(key(d, 0))) continue;
              outside++;
              const kind = d.message.replace(/"[^"]*"/g, '"…"');
              byMessage.set(kind, (byMessage.get(kind) ?? 0) + 1);
              if (worst.length < 8 || (process.env.ALLOY_REPLAY_SHOW && d.message.includes(process.env.ALLOY_REPLAY_SHOW) && worst.length < 12)) worst.push(`${path.basename(file)}:${d.range.start.line + 1}: typing "${typed}" → ${d.message}`);
            }
          }
        }
      }
    }
    const top = [...byMessage].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([m, n]) => `${n} × ${m}`);
    console.log(`typing replay: ${outside} diagnostics outside the statement being typed (${statements} statements, ${keystrokesRun} keystrokes)${top.length ? `\n  most frequent: ${top.join("; ")}` : ""}${worst.length ? `\n  ${worst.join("\n  ")}` : ""}`);
    expect(statements).toBeGreaterThan(0);
    expect(outside, "diagnostics outside the statement being typed").toBe(0);
  }, 120_000);
});
