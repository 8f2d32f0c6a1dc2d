/**
 * The attribute actions shared by the attributes and resource processors (upstream internal/coreinternal/attraction):
 * insert, update, upsert, delete, hash, extract, convert; `pattern` selects keys by regexp for delete and hash.
 */
import { createHash } from "node:crypto";
import { anyValueAsString, filterAttrs, getAttr, putAttr, toAnyValue } from "../pdata/attributes.js";
import type { AnyValue, KeyValue } from "../pdata/types.js";
import { goRegExp } from "../ottl/values.js";
import { asArray, asRecord } from "./api.js";

export type AttrAction = (attrs: KeyValue[]) => void;

/** An action on one named key with a configured scalar value (or none, for delete): fusable with its neighbours. */
interface KeyedAction {
  op: "insert" | "update" | "upsert" | "delete";
  key: string;
  fresh?: () => AnyValue;
}

/** Runs of at least this many keyed actions share one key index per attribute list. */
export const FUSE_MIN = 8;

/**
 * A run of keyed actions applied with one index of the list by key, built once per list, instead of a scan of the
 * list per action: linear in actions plus attributes where the scans were their product (thousands of actions on
 * items that gain an attribute per action). The result is the same as applying them one by one: the first
 * attribute of a key is the one updated, delete removes every attribute of its key, and removals are compacted
 * at the end in the list's order.
 */
function fused(run: KeyedAction[]): AttrAction {
  return (attrs) => {
    const byKey = new Map<string, KeyValue[]>();
    for (const kv of attrs) {
      const list = byKey.get(kv.key);
      if (list) list.push(kv);
      else byKey.set(kv.key, [kv]);
    }
    let removed: Set<KeyValue> | undefined;
    const add = (key: string, value: AnyValue) => {
      const kv = { key, value };
      attrs.push(kv);
      byKey.set(key, [kv]);
    };
    for (const a of run) {
      const list = byKey.get(a.key);
      if (a.op === "delete") {
        if (!list) continue;
        removed ??= new Set();
        for (const kv of list) removed.add(kv);
        byKey.delete(a.key);
      } else if (list) {
        if (a.op !== "insert") list[0]!.value = a.fresh!();
      } else if (a.op !== "update") add(a.key, a.fresh!());
    }
    if (removed) {
      let j = 0;
      for (let i = 0; i < attrs.length; i++) if (!removed.has(attrs[i]!)) attrs[j++] = attrs[i]!;
      attrs.length = j;
    }
  };
}

/** Replaces runs of FUSE_MIN or more consecutive keyed actions by one fused action. */
function fuseRuns(actions: AttrAction[], keyed: (KeyedAction | undefined)[]): AttrAction[] {
  const out: AttrAction[] = [];
  for (let i = 0; i < actions.length; ) {
    let j = i;
    while (j < actions.length && keyed[j]) j++;
    if (j - i >= FUSE_MIN) {
      out.push(fused(keyed.slice(i, j) as KeyedAction[]));
      i = j;
    } else out.push(actions[i++]!);
  }
  return out;
}

/**
 * Compiles an `actions` list; returns the reason when an action cannot be reproduced. `fuse: false` keeps one
 * function per action (the reference the fused form is tested against).
 */
export function compileActions(actions: unknown, options: { fuse?: boolean } = {}): AttrAction[] | { unsupported: string } {
  const out: AttrAction[] = [];
  const keyed: (KeyedAction | undefined)[] = [];
  for (const raw of asArray(actions)) {
    const a = asRecord(raw);
    const key = a.key === undefined ? undefined : String(a.key);
    const action = String(a.action ?? "").toLowerCase();
    const pattern = typeof a.pattern === "string" && a.pattern !== "" ? goRegExp(a.pattern) : undefined;
    if (a.from_context !== undefined && a.from_context !== "") return { unsupported: `action "${action}" with from_context` };
    // A configured value is converted once; each item gets its own shallow copy (later actions may edit it).
    const fixed = a.value !== undefined && a.value !== null ? toAnyValue(a.value) : undefined;
    const scalar = fixed && fixed.arrayValue === undefined && fixed.kvlistValue === undefined;
    const fresh = fixed && scalar ? scalarCopier(fixed) : undefined;
    const source = (attrs: KeyValue[]): AnyValue | undefined => {
      if (fresh) return fresh();
      if (fixed) return structuredClone(fixed);
      if (typeof a.from_attribute === "string" && a.from_attribute !== "") return structuredClone(getAttr(attrs, a.from_attribute));
      return undefined;
    };
    const op = action === "insert" || action === "update" || action === "upsert" || action === "delete" ? action : undefined;
    const plainKey = key !== undefined && key !== "" && !pattern;
    keyed.push(op && plainKey && (op === "delete" ? true : fresh !== undefined) ? { op, key: key!, fresh } : undefined);
    const keysFor = (attrs: KeyValue[]) => attrs.filter((kv) => kv.key === key || (pattern && pattern.test(kv.key))).map((kv) => kv.key);
    switch (action) {
      case "insert":
        out.push((attrs) => {
          const v = source(attrs);
          if (key && v && getAttr(attrs, key) === undefined) attrs.push({ key, value: v });
        });
        break;
      case "update":
        out.push((attrs) => {
          const v = source(attrs);
          if (key && v && getAttr(attrs, key) !== undefined) putAttr(attrs, key, v);
        });
        break;
      case "upsert":
        if (fresh && key)
          // The common case (a configured scalar): one pass, and a value object only for the attribute set.
          out.push((attrs) => {
            for (let i = 0; i < attrs.length; i++)
              if (attrs[i]!.key === key) {
                attrs[i]!.value = fresh();
                return;
              }
            attrs.push({ key, value: fresh() });
          });
        else
          out.push((attrs) => {
            const v = source(attrs);
            if (key && v) putAttr(attrs, key, v);
          });
        break;
      case "delete":
        if (!pattern && key !== undefined)
          // The common case, without allocations: drop every attribute named `key` in place.
          out.push((attrs) => {
            let j = 0;
            for (let i = 0; i < attrs.length; i++) if (attrs[i]!.key !== key) attrs[j++] = attrs[i]!;
            if (j !== attrs.length) attrs.length = j;
          });
        else
          out.push((attrs) => {
            const ks = new Set(keysFor(attrs));
            filterAttrs(attrs, (kv) => !ks.has(kv.key));
          });
        break;
      case "hash":
        out.push((attrs) => {
          for (const kv of attrs) if (kv.key === key || (pattern && pattern.test(kv.key))) kv.value = { stringValue: hashValue(kv.value) };
        });
        break;
      case "extract": {
        if (!key || !pattern) return { unsupported: "extract without key and pattern" };
        out.push((attrs) => {
          const v = getAttr(attrs, key);
          if (v?.stringValue === undefined) return;
          const m = pattern.exec(v.stringValue);
          if (!m?.groups) return;
          for (const [name, val] of Object.entries(m.groups)) if (val !== undefined) putAttr(attrs, name, { stringValue: val });
        });
        break;
      }
      case "convert": {
        const to = String(a.converted_type ?? "");
        if (!["int", "double", "string"].includes(to)) return { unsupported: `convert to "${to}"` };
        out.push((attrs) => {
          for (const kv of attrs) if (kv.key === key) kv.value = convertValue(kv.value, to) ?? kv.value;
        });
        break;
      }
      default:
        return { unsupported: `action "${action}"` };
    }
  }
  return options.fuse === false ? out : fuseRuns(out, keyed);
}

/**
 * A function returning a new copy of a one-field scalar value each call, built by an object literal of that field
 * (so every copy has the same shape and no spread or clone runs per item).
 */
function scalarCopier(v: AnyValue): () => AnyValue {
  if (v.stringValue !== undefined) {
    const x = v.stringValue;
    return () => ({ stringValue: x });
  }
  if (v.intValue !== undefined) {
    const x = v.intValue;
    return () => ({ intValue: x });
  }
  if (v.doubleValue !== undefined) {
    const x = v.doubleValue;
    return () => ({ doubleValue: x });
  }
  if (v.boolValue !== undefined) {
    const x = v.boolValue;
    return () => ({ boolValue: x });
  }
  return () => ({ ...v });
}

/** Hashes the value's text with SHA-256 as lowercase hex (what current collector versions do). */
function hashValue(v: AnyValue): string {
  return createHash("sha256").update(anyValueAsString(v)).digest("hex");
}

function convertValue(v: AnyValue, to: string): AnyValue | undefined {
  if (to === "string") return { stringValue: anyValueAsString(v) };
  if (to === "int") {
    if (v.intValue !== undefined) return v;
    if (v.doubleValue !== undefined) return { intValue: String(Math.trunc(v.doubleValue)) };
    if (v.boolValue !== undefined) return { intValue: v.boolValue ? "1" : "0" };
    if (v.stringValue !== undefined && /^[+-]?\d+$/.test(v.stringValue.trim())) return { intValue: String(BigInt(v.stringValue.trim())) };
    return undefined;
  }
  if (v.doubleValue !== undefined) return v;
  if (v.intValue !== undefined) return { doubleValue: Number(v.intValue) };
  if (v.boolValue !== undefined) return { doubleValue: v.boolValue ? 1 : 0 };
  if (v.stringValue !== undefined && v.stringValue.trim() !== "" && !Number.isNaN(Number(v.stringValue))) return { doubleValue: Number(v.stringValue) };
  return undefined;
}
