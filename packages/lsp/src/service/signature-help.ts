/** Signature help for standard-library calls: the signature, its parameters and the active argument. */
import { IDENTIFIER_PATTERN } from "@alloy-ts/grammar";
import { MarkupKind, type Position, type SignatureHelp } from "vscode-languageserver-types";
import type { Analysis } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";

/** The callee name (`a.b.c`, blanks around the dots allowed) that ends right before an opening parenthesis. */
const CALLEE_BEFORE = new RegExp(`(${IDENTIFIER_PATTERN}(?:\\s*\\.\\s*${IDENTIFIER_PATTERN})*)\\s*$`, "u");

/** How far back to look for the open parenthesis of the call being typed. */
const LOOK_BEHIND = 4000;

/** Signature of the call around the cursor, or null. Works on text so that half-typed calls are covered. */
export function signatureHelp(analysis: Analysis, position: Position, ctx: ServiceContext): SignatureHelp | null {
  const offset = analysis.lines.offsetAt(position);
  const call = openCallAt(analysis.text, offset);
  if (!call) return null;
  const fn = ctx.catalog.function(call.callee);
  if (!fn || fn.constant) return null;
  const params = fn.parameters.map((p) => `${p.variadic ? "..." : ""}${p.name} ${p.type}`);
  const label = `${fn.name}(${params.join(", ")}) → ${fn.returns}`;
  let at = fn.name.length + 1;
  const parameters = params.map((p) => {
    const range: [number, number] = [at, at + p.length];
    at += p.length + 2;
    return { label: range };
  });
  const lastVariadic = fn.parameters[fn.parameters.length - 1]?.variadic;
  const active = lastVariadic ? Math.min(call.argument, fn.parameters.length - 1) : call.argument;
  return {
    signatures: [{ label, parameters, documentation: fn.description ? { kind: MarkupKind.Markdown, value: fn.description } : undefined }],
    activeSignature: 0,
    activeParameter: active,
  };
}

/** The callee name and argument index of the innermost unclosed call before `offset`. */
export function openCallAt(text: string, offset: number): { callee: string; argument: number } | undefined {
  let depth = 0;
  let commas = 0;
  const stop = Math.max(0, offset - LOOK_BEHIND);
  for (let i = offset - 1; i >= stop; i--) {
    const c = text[i]!;
    if (c === '"') {
      // Skip back over a string literal on this line.
      let j = i - 1;
      while (j >= stop && !(text[j] === '"' && text[j - 1] !== "\\") && text[j] !== "\n") j--;
      if (j >= stop && text[j] === '"') i = j;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") depth++;
    else if (c === "[" || c === "{") {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === "(") {
      if (depth > 0) {
        depth--;
        continue;
      }
      const m = CALLEE_BEFORE.exec(text.slice(Math.max(0, i - 200), i));
      if (!m) return undefined;
      return { callee: m[1]!.replace(/\s+/g, ""), argument: commas };
    } else if (c === "," && depth === 0) commas++;
  }
  return undefined;
}
