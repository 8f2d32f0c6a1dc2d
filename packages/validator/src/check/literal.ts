/**
 * Values of literal expressions and the conversion rules the validator applies to them (syntax spec 9,
 * upstream syntax/internal/value decode): only what is needed to report the errors upstream's type check
 * reports for literals.
 */
import { numberValue, unquote, type BinaryExpr, type LiteralExpr, type UnaryExpr } from "@alloy-ts/grammar";

export type LiteralValue =
  | { readonly t: "null" }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "number"; readonly v: number; readonly goType: "int64" | "uint64" | "float64" };

/** Alloy type name of a literal value, as printed in messages. */
export function typeName(v: LiteralValue): string {
  return v.t;
}

/**
 * The value of a literal expression; undefined for a string literal that does not scan (the parser reported it)
 * and a number Go cannot represent (`1e400`).
 */
export function literalValue(e: LiteralExpr): LiteralValue | undefined {
  switch (e.literal) {
    case "null":
      return { t: "null" };
    case "bool":
      return { t: "bool", v: e.raw === "true" };
    case "string": {
      const v = unquote(e.raw);
      return v === undefined ? undefined : { t: "string", v };
    }
    case "float":
    case "number": {
      const n = numberValue(e.raw);
      return n.goType === "error" ? undefined : { t: "number", v: n.value, goType: n.goType };
    }
  }
}

/** Result of a unary operator on a literal, or undefined when the operation fails. */
export function unaryValue(e: UnaryExpr, v: LiteralValue): LiteralValue | undefined {
  if (e.op === "!") return v.t === "bool" ? { t: "bool", v: !v.v } : undefined;
  return v.t === "number" ? { t: "number", v: -v.v, goType: v.goType === "uint64" ? "int64" : v.goType } : undefined;
}

/** Result of a binary operator on two literals, or undefined when the operation fails. */
export function binaryValue(e: BinaryExpr, l: LiteralValue, r: LiteralValue): LiteralValue | undefined {
  switch (e.op) {
    case "==":
    case "!=":
      return { t: "bool", v: (e.op === "==") === (l.t === r.t && "v" in l && "v" in r && l.v === r.v) };
    case "&&":
    case "||":
      return l.t === "bool" && r.t === "bool" ? { t: "bool", v: e.op === "&&" ? l.v && r.v : l.v || r.v } : undefined;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (l.t === "number" && r.t === "number") || (l.t === "string" && r.t === "string") ? { t: "bool", v: true } : undefined;
    case "+":
      if (l.t === "string" && r.t === "string") return { t: "string", v: l.v + r.v };
    // fallthrough
    default:
      if (l.t === "number" && r.t === "number") {
        const goType = l.goType === "float64" || r.goType === "float64" ? "float64" : "int64";
        if ((e.op === "/" || e.op === "%") && r.v === 0 && goType !== "float64") return undefined;
        return { t: "number", v: 0, goType };
      }
      return undefined;
  }
}

/** String form of a number converted to a string (integers in decimal, floats without exponent). */
export function numberToString(v: Extract<LiteralValue, { t: "number" }>): string {
  if (v.goType !== "float64") return String(BigInt(Math.trunc(v.v)));
  if (Number.isInteger(v.v) && Math.abs(v.v) >= 1e21) return BigInt(v.v).toString();
  return String(v.v).includes("e") ? v.v.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : String(v.v);
}

/** Formats a Go error template with one value (`%v`, `%s`, `%q`, `%T`). */
export function goSprintf(template: string, value: LiteralValue, display: string): string {
  const goType = value.t === "number" ? value.goType : value.t === "null" ? "<nil>" : value.t;
  return template.replace(/%[-+# 0]*[vsqdT]/, (verb) => {
    if (verb.endsWith("T")) return goType;
    if (verb.endsWith("q")) return JSON.stringify(display);
    return display;
  });
}
