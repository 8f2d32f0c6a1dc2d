/**
 * The redaction processor, on resource attributes and the attributes of spans, data points and log records:
 * attributes whose key is not allowed are removed (unless `allow_all_keys`); keys in `ignored_keys` are left alone;
 * values of keys matching `blocked_key_patterns` are masked whole; otherwise, string values not matching
 * `allowed_values` get every match of `blocked_values` replaced by `****`. Hashing instead of masking and summary
 * attributes are not modelled (unverified).
 */
import { filterAttrs } from "../pdata/attributes.js";
import { goRegExp } from "../ottl/values.js";
import type { KeyValue } from "../pdata/types.js";
import { asStrings, type ComponentFactory } from "./api.js";
import { itemAttributeLists, resourceAttributeLists } from "./walk.js";

const MASK = "****";

const anywhere = (patterns: string[]) => patterns.map((p) => goRegExp(p));
const globally = (patterns: string[]) => patterns.map((p) => goRegExp(p, "g"));

export const redactionProcessor: ComponentFactory = {
  kind: "processor",
  type: "redaction",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const summary = config.summary === undefined ? "silent" : String(config.summary);
    if (summary !== "silent") return { unsupported: `summary ${summary}` };
    if (config.hash_function !== undefined && config.hash_function !== "") return { unsupported: "hash_function" };
    const allowAll = config.allow_all_keys === true;
    const allowed = new Set(asStrings(config.allowed_keys));
    const ignored = new Set(asStrings(config.ignored_keys));
    const blockedKeys = anywhere(asStrings(config.blocked_key_patterns));
    const allowedValues = anywhere(asStrings(config.allowed_values));
    const blockedValues = globally(asStrings(config.blocked_values));
    const redact = (attrs: KeyValue[]) => {
      filterAttrs(attrs, (kv) => ignored.has(kv.key) || allowAll || allowed.has(kv.key));
      for (const kv of attrs) {
        if (ignored.has(kv.key) || kv.value.stringValue === undefined) continue;
        const text = kv.value.stringValue;
        if (blockedKeys.some((r) => r.test(kv.key))) {
          kv.value = { stringValue: MASK };
          continue;
        }
        if (allowedValues.some((r) => r.test(text))) continue;
        let masked = text;
        for (const r of blockedValues) masked = masked.replace(r, MASK);
        if (masked !== text) kv.value = { stringValue: masked };
      }
    };
    return {
      consume(t) {
        for (const attrs of resourceAttributeLists(t)) redact(attrs);
        for (const attrs of itemAttributeLists(t)) redact(attrs);
        ctx.emit(t);
      },
    };
  },
};
