/**
 * Traversals: an identifier followed by an uninterrupted chain of `.name` accesses (syntax spec 8.5). The walk
 * reproduces upstream internal/util/ast TraversalsFromBody, including its quirk that an access after a call
 * or index extends the traversal most recently started inside it.
 */
import { type Expr, nameSpanOf, rangeOf, type Statement } from "@alloy-ts/grammar";

export interface TraversalPart {
  readonly name: string;
  readonly range: { readonly start: number; readonly end: number };
}

export type Traversal = TraversalPart[];

/** Traversals in all expressions of a body (nested blocks included), in source order. */
export function traversalsFromBody(body: readonly Statement[]): Traversal[] {
  const w = new Walker();
  for (const s of body) w.stmt(s);
  w.flush();
  return w.out;
}

/** Traversals of one expression. */
export function traversalsFromExpr(e: Expr): Traversal[] {
  const w = new Walker();
  w.expr(e);
  w.flush();
  return w.out;
}

class Walker {
  readonly out: Traversal[] = [];
  private building = false;
  private current: TraversalPart[] = [];

  flush(): void {
    if (this.building && this.current.length) this.out.push(this.current);
    this.building = false;
    this.current = [];
  }

  stmt(s: Statement): void {
    if (s.kind === "Attribute") this.expr(s.value);
    else for (const c of s.body) this.stmt(c);
  }

  expr(e: Expr): void {
    switch (e.kind) {
      case "Identifier":
        this.flush();
        this.building = true;
        this.current.push({ name: e.name, range: rangeOf(e) });
        return;
      case "Access":
        this.expr(e.value);
        if (this.building) this.current.push({ name: e.name, range: rangeOf(nameSpanOf(e)) });
        return;
      case "Index":
        this.expr(e.value);
        this.flush();
        this.expr(e.index);
        return;
      case "Call":
        this.expr(e.callee);
        this.flush();
        for (const a of e.args) this.expr(a);
        return;
      case "Array":
        for (const x of e.elements) this.expr(x);
        return;
      case "Object":
        for (const f of e.fields) this.expr(f.value);
        return;
      case "Unary":
        this.expr(e.operand);
        return;
      case "Binary":
        this.expr(e.left);
        this.expr(e.right);
        return;
      case "Paren":
        this.expr(e.inner);
        return;
      default:
        return;
    }
  }
}

export function traversalString(t: Traversal, n = t.length): string {
  let s = t[0]!.name;
  for (let i = 1; i < n; i++) s += "." + t[i]!.name;
  return s;
}
