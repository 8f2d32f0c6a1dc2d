/**
 * Environment references in converted values (default mode). A collector value holding `${env:...}` references
 * becomes an Alloy expression built from the one reference reader of `@alloy-ts/otel`, so that the Alloy value
 * evaluated with an environment equals the collector's expansion with that environment: literal text (escapes
 * already read: `$${X}` is the text `${X}`) is quoted, each reference is `sys.env("NAME")` (names keep their
 * case), a default is `coalesce(sys.env("NAME"), <default>)` with the default itself read for references.
 * Settings of other types get the conversion Alloy needs (a number takes the string as is; a boolean, list or
 * map is read with `encoding.from_yaml`, as the collector reads an expanded value as YAML).
 */
import { joinReferences, splitEnvReferences, type Part } from "@alloy-ts/otel";
import { goQuote } from "../alloy/go-text.js";
import type { Conversion } from "./description.js";
import { Expr } from "./values.js";
import { embed } from "./embedded.js";

/** A value with references: its Alloy string expression, and its collector text for string-building code. */
export class EnvExpr extends Expr {
  constructor(readonly parts: readonly Part[]) {
    super(stringExpression(parts));
  }

  /** A marker for descriptions that embed the value in a longer string (./embedded.ts). */
  override toString(): string {
    return embed(this.text);
  }

  /** The value as collector text (`${env:X}`). */
  collectorText(): string {
    return joinReferences(this.parts);
  }

  /** The expression for a setting converted with `as`. */
  textFor(as: Conversion): string {
    switch (as) {
      case "string": case "duration": case "int": case "float": case "float32": case "extension": case "any":
        return this.text;
      case "mib": return `${this.text} + "MiB"`;
      case "bytes": return `${this.text} + "B"`;
      default: return `encoding.from_yaml(${this.text})`;
    }
  }
}

/** `"a" + sys.env("B") + "c"`; one reference alone with upstream's form `coalesce(sys.env("B"), "")`. */
export function stringExpression(parts: readonly Part[]): string {
  if (parts.length === 1 && parts[0]!.t === "ref") return referenceExpression(parts[0]!, true);
  if (parts.length === 0) return '""';
  return parts.map((p) => (p.t === "text" ? goQuote(p.text) : referenceExpression(p, false))).join(" + ");
}

function referenceExpression(p: Extract<Part, { t: "ref" }>, alone: boolean): string {
  const env = `sys.env(${goQuote(p.name)})`;
  if (p.default === undefined) return alone ? `coalesce(${env}, "")` : env;
  const inner = splitEnvReferences(p.default);
  const dflt = "error" in inner || !inner.some((x) => x.t === "ref") ? goQuote(unescaped(p.default)) : stringExpression(inner);
  return `coalesce(${env}, ${dflt})`;
}

function unescaped(s: string): string {
  const parts = splitEnvReferences(s);
  return "error" in parts ? s : parts.map((p) => (p.t === "text" ? p.text : "")).join("");
}

/**
 * A YAML value as the default-mode conversion reads it: strings with references become {@link EnvExpr},
 * strings with only escapes lose them (`pa$$word` is `pa$word`), lists and maps are copied when they hold such
 * strings. Invalid references stay text (they were reported when the file was loaded).
 */
export function interpretReferences<T>(v: T): T | EnvExpr | string {
  if (typeof v === "string") {
    if (!v.includes("$")) return v;
    const parts = splitEnvReferences(v);
    if ("error" in parts) return v;
    if (!parts.some((p) => p.t === "ref")) return parts.map((p) => (p.t === "text" ? p.text : "")).join("");
    return new EnvExpr(parts);
  }
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    v.forEach((x, i) => {
      const y = interpretReferences(x);
      if (y !== x) (copy ??= [...v])[i] = y;
    });
    return (copy ?? v) as T;
  }
  if (v instanceof Map) {
    let copy: Map<unknown, unknown> | undefined;
    for (const [k, x] of v) {
      const y = interpretReferences(x);
      if (y !== x) (copy ??= new Map(v)).set(k, y);
    }
    return (copy ?? v) as T;
  }
  return v;
}
