/** Expression evaluation over the grammar's AST (spec alloy-syntax.md §10), with component references as capsules. */
import { fieldKey, numberValue, traversalParts, unquote, type Expr } from "@alloy-ts/grammar";
import { EvalError, isCapsule, typeName, type AlloyValue } from "./values.js";

/** Resolves `a.b.c` traversals that name a component (shortest matching prefix, spec §8.5). */
export interface Scope {
  /** Standard library and scope variables. */
  names: Record<string, AlloyValue>;
  /** Known component identities (`otelcol.processor.batch.default`). */
  components: Set<string>;
}

function literal(e: Extract<Expr, { kind: "Literal" }>): AlloyValue {
  switch (e.literal) {
    case "null":
      return null;
    case "bool":
      return e.raw === "true";
    case "string": {
      const v = unquote(e.raw);
      // Alloy does not scan such a literal (`"\q"`); the parse has reported it.
      if (v === undefined) throw new EvalError(`invalid string literal ${e.raw}`);
      return v;
    }
    default: {
      const n = numberValue(e.raw);
      if (n.goType === "error") throw new EvalError(n.message);
      return n.value;
    }
  }
}

const same = (a: AlloyValue, b: AlloyValue): boolean => {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (typeof a === "function" || typeof b === "function") return false;
  return JSON.stringify(a) === JSON.stringify(b);
};

function num(v: AlloyValue, op: string): number {
  if (typeof v !== "number") throw new EvalError(`should be one of [number] for binop ${op}, got ${typeName(v)}`);
  return v;
}

/** Evaluates an expression; throws EvalError (caught by the graph builder). */
export function evaluate(e: Expr, scope: Scope): AlloyValue {
  switch (e.kind) {
    case "Literal":
      return literal(e);
    case "Paren":
      return evaluate(e.inner, scope);
    case "Array":
      return e.elements.map((x) => evaluate(x, scope));
    case "Object": {
      const o: { [k: string]: AlloyValue } = {};
      for (const f of e.fields) o[fieldKey(f)] = evaluate(f.value, scope);
      return o;
    }
    case "Identifier":
    case "Access": {
      const path = traversalParts(e)?.map((p) => p.name);
      if (path) {
        for (let i = 1; i <= path.length; i++) {
          const id = path.slice(0, i).join(".");
          if (scope.components.has(id)) {
            if (i === path.length) throw new EvalError(`component ${id} has no value of its own; use one of its exports`);
            return { capsule: true, component: id, export: path.slice(i).join(".") };
          }
        }
      }
      if (e.kind === "Identifier") {
        if (!(e.name in scope.names)) throw new EvalError(`identifier "${e.name}" does not exist`);
        return scope.names[e.name]!;
      }
      const base = evaluate(e.value, scope);
      if (base && typeof base === "object" && !Array.isArray(base) && !isCapsule(base)) {
        if (!(e.name in base)) throw new EvalError(`field "${e.name}" does not exist`);
        return base[e.name]!;
      }
      throw new EvalError(`cannot access field "${e.name}" on value of type ${typeName(base)}`);
    }
    case "Index": {
      const base = evaluate(e.value, scope);
      const idx = evaluate(e.index, scope);
      if (Array.isArray(base)) {
        if (typeof idx !== "number") throw new EvalError(`should be number, got ${typeName(idx)}`);
        const i = Math.trunc(idx);
        if (i < 0 || i >= base.length) throw new EvalError(`index ${i} is out of range of array with length ${base.length}`);
        return base[i]!;
      }
      if (base && typeof base === "object" && !isCapsule(base) && typeof base !== "function") return base[String(idx)] ?? null;
      throw new EvalError(`expected object or array, got ${typeName(base)}`);
    }
    case "Call": {
      const fn = evaluate(e.callee, scope);
      if (typeof fn !== "function") throw new EvalError(`should be function, got ${typeName(fn)}`);
      return fn(e.args.map((a) => evaluate(a, scope)));
    }
    case "Unary": {
      const v = evaluate(e.operand, scope);
      if (e.op === "!") {
        if (typeof v !== "boolean") throw new EvalError(`should be bool, got ${typeName(v)}`);
        return !v;
      }
      return -num(v, "-");
    }
    case "Binary": {
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      switch (e.op) {
        case "==":
          return same(l, r);
        case "!=":
          return !same(l, r);
        case "&&":
        case "||":
          if (typeof l !== "boolean" || typeof r !== "boolean") throw new EvalError(`should be bool, got ${typeName(typeof l !== "boolean" ? l : r)}`);
          return e.op === "&&" ? l && r : l || r;
        case "+":
          if (typeof l === "string" && typeof r === "string") return l + r;
          return num(l, "+") + num(r, "+");
        case "<":
        case "<=":
        case ">":
        case ">=": {
          if (!((typeof l === "string" && typeof r === "string") || (typeof l === "number" && typeof r === "number")))
            throw new EvalError(`should be number, got ${typeName(l)}`);
          return e.op === "<" ? l < r : e.op === "<=" ? l <= r : e.op === ">" ? l > r : l >= r;
        }
        case "-":
          return num(l, "-") - num(r, "-");
        case "*":
          return num(l, "*") * num(r, "*");
        case "/": {
          const d = num(r, "/");
          if (d === 0) throw new EvalError("divide by zero error");
          const q = num(l, "/") / d;
          return Number.isInteger(l) && Number.isInteger(d) ? Math.trunc(q) : q;
        }
        case "%": {
          const d = num(r, "%");
          if (d === 0) throw new EvalError("divide by zero error");
          return num(l, "%") % d;
        }
        case "^": {
          const b = num(l, "^");
          const x = num(r, "^");
          if (Number.isInteger(b) && Number.isInteger(x)) return x < 0 ? b : b ** x;
          return Math.pow(b, x);
        }
      }
      throw new EvalError(`unsupported operator ${(e as { op: string }).op}`);
    }
    case "Invalid":
      throw new EvalError("invalid expression");
  }
}
