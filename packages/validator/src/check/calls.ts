/**
 * Standard library calls: unknown function names and wrong argument counts. Upstream's validator leaves these
 * to evaluation time; reporting them early uses the runtime's arity wording (syntax spec 10).
 */
import { type Expr, rangeOf, type Statement } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";
import { STDLIB_TOP_LEVEL, stdlibFunction, stdlibFunctions } from "../stdlib.js";
import { didYouMean } from "./suggest.js";

/** Dotted name of an identifier/access chain, or undefined for other expressions. */
function dotted(e: Expr): string | undefined {
  if (e.kind === "Identifier") return e.name;
  if (e.kind === "Access") {
    const base = dotted(e.value);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

const NAMESPACES = new Set(["string", "array", "encoding", "convert", "file", "sys"]);

export function checkStdlibCalls(
  body: readonly Statement[],
  file: string,
  vars: ReadonlySet<string>,
  isNode: (id: string) => boolean,
  out: ValidationDiagnostic[],
): void {
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "Call": {
        const name = dotted(e.callee);
        if (name !== undefined) checkCall(name, e);
        visit(e.callee);
        for (const a of e.args) visit(a);
        return;
      }
      case "Access":
        visit(e.value);
        return;
      case "Index":
        visit(e.value);
        visit(e.index);
        return;
      case "Array":
        for (const x of e.elements) visit(x);
        return;
      case "Object":
        for (const f of e.fields) visit(f.value);
        return;
      case "Unary":
        visit(e.operand);
        return;
      case "Binary":
        visit(e.left);
        visit(e.right);
        return;
      case "Paren":
        visit(e.inner);
        return;
      default:
        return;
    }
  };
  const checkCall = (name: string, e: Extract<Expr, { kind: "Call" }>): void => {
    const first = name.split(".", 1)[0]!;
    if (!STDLIB_TOP_LEVEL.has(first) || vars.has(first) || isNode(first)) return;
    const f = stdlibFunction(name);
    if (!f) {
      if (!NAMESPACES.has(first) || name.split(".").length !== 2) return;
      const hint = didYouMean(name, stdlibFunctions().map((x) => x.name));
      out.push(makeDiag(file, rangeOf(e.callee), `unknown standard library function "${name}"`, Code.stdlibUnknown, "error", hint));
      return;
    }
    const n = e.args.length;
    if (f.maxArgs === undefined) {
      if (n < f.minArgs) out.push(makeDiag(file, rangeOf(e), `expected at least ${f.minArgs} args, got ${n}`, Code.stdlibArity));
    } else if (n < f.minArgs || n > f.maxArgs) {
      // combine_maps checks its own arguments (syntax spec 12.1).
      const msg = f.name === "array.combine_maps" ? `combine_maps: expected 3 or 4 arguments, got ${n}` : f.name === "array.group_by" ? `group_by: expected 3 arguments, got ${n}` : `expected ${f.minArgs} args, got ${n}`;
      out.push(makeDiag(file, rangeOf(e), msg, Code.stdlibArity));
    }
  };
  const stmt = (s: Statement): void => {
    if (s.kind === "Attribute") visit(s.value);
    else for (const c of s.body) stmt(c);
  };
  for (const s of body) stmt(s);
}
