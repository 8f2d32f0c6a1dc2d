/** The Alloy standard library functions configs use (spec alloy-syntax.md §12). */
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { EvalError, isCapsule, typeName, type AlloyValue } from "./values.js";

const str = (v: AlloyValue, fn: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new EvalError(`${fn}: ${JSON.stringify(v)} should be string, got ${typeName(v)}`);
};
const arity = (args: AlloyValue[], n: number) => {
  if (args.length !== n) throw new EvalError(`expected ${n} args, got ${args.length}`);
};

/** Go fmt.Sprintf for the verbs configs use (%s %v %d %q %f %t %x %%). */
export function sprintf(format: string, values: AlloyValue[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (m, _flags: string, _w: string, prec: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (i >= values.length) return `%!${verb}(MISSING)`;
    const v = values[i++]!;
    switch (verb) {
      case "s":
      case "v":
        return typeof v === "string" ? v : goPrint(v);
      case "d":
        return typeof v === "number" && Number.isInteger(v) ? String(v) : `%!d(${typeName(v)}=${goPrint(v)})`;
      case "f":
        return typeof v === "number" ? v.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${typeName(v)}=${goPrint(v)})`;
      case "q":
        return typeof v === "string" ? JSON.stringify(v) : `%!q(${typeName(v)}=${goPrint(v)})`;
      case "t":
        return typeof v === "boolean" ? String(v) : `%!t(${typeName(v)}=${goPrint(v)})`;
      case "x":
        return typeof v === "number" ? v.toString(16) : typeof v === "string" ? Buffer.from(v).toString("hex") : goPrint(v);
      default:
        return m;
    }
  });
}

function goPrint(v: AlloyValue): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
  if (typeof v === "function" || isCapsule(v)) return "capsule";
  if (typeof v === "object") return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint(v[k]!)}`).join(" ")}]`;
  return String(v);
}

const isZero = (v: AlloyValue) =>
  v === null || v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && !isCapsule(v) && typeof v !== "function" && Object.keys(v).length === 0);

function fromJsonLike(v: unknown): AlloyValue {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(fromJsonLike);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromJsonLike(x)]));
  return v as AlloyValue;
}

function sortedJson(v: AlloyValue): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (v && typeof v === "object" && !isCapsule(v) && typeof v !== "function")
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(v[k]!)}`).join(",")}}`;
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** Builds the standard library namespace object; `env` supplies `sys.env`. */
export function stdlib(env: Record<string, string | undefined>): Record<string, AlloyValue> {
  const sysEnv = (a: AlloyValue[]) => {
    arity(a, 1);
    return env[str(a[0]!, "sys.env")] ?? "";
  };
  const s = {
    format: (a: AlloyValue[]) => {
      if (a.length < 1) throw new EvalError("expected at least 1 args, got 0");
      return sprintf(str(a[0]!, "string.format"), a.slice(1));
    },
    join: (a: AlloyValue[]) => {
      arity(a, 2);
      if (!Array.isArray(a[0])) throw new EvalError(`should be array, got ${typeName(a[0]!)}`);
      return a[0].map((x) => str(x, "string.join")).join(str(a[1]!, "string.join"));
    },
    replace: (a: AlloyValue[]) => (arity(a, 3), str(a[0]!, "string.replace").split(str(a[1]!, "string.replace")).join(str(a[2]!, "string.replace"))),
    split: (a: AlloyValue[]) => {
      arity(a, 2);
      const sep = str(a[1]!, "string.split");
      return sep === "" ? [...str(a[0]!, "string.split")] : str(a[0]!, "string.split").split(sep);
    },
    to_lower: (a: AlloyValue[]) => (arity(a, 1), str(a[0]!, "string.to_lower").toLowerCase()),
    to_upper: (a: AlloyValue[]) => (arity(a, 1), str(a[0]!, "string.to_upper").toUpperCase()),
    trim: (a: AlloyValue[]) => {
      arity(a, 2);
      const cut = new Set(str(a[1]!, "string.trim"));
      const chars = [...str(a[0]!, "string.trim")];
      let b = 0;
      let e = chars.length;
      while (b < e && cut.has(chars[b]!)) b++;
      while (e > b && cut.has(chars[e - 1]!)) e--;
      return chars.slice(b, e).join("");
    },
    trim_prefix: (a: AlloyValue[]) => {
      arity(a, 2);
      const [x, p] = [str(a[0]!, "string.trim_prefix"), str(a[1]!, "string.trim_prefix")];
      return x.startsWith(p) ? x.slice(p.length) : x;
    },
    trim_suffix: (a: AlloyValue[]) => {
      arity(a, 2);
      const [x, p] = [str(a[0]!, "string.trim_suffix"), str(a[1]!, "string.trim_suffix")];
      return p && x.endsWith(p) ? x.slice(0, -p.length) : x;
    },
    trim_space: (a: AlloyValue[]) => (arity(a, 1), str(a[0]!, "string.trim_space").trim()),
  };
  const fromJson = (a: AlloyValue[]) => {
    arity(a, 1);
    try {
      return fromJsonLike(JSON.parse(str(a[0]!, "encoding.from_json")));
    } catch (e) {
      throw new EvalError(`encoding.from_json: ${(e as Error).message}`);
    }
  };
  const fromYaml = (a: AlloyValue[]) => {
    arity(a, 1);
    try {
      return fromJsonLike(parseYaml(str(a[0]!, "encoding.from_yaml")));
    } catch (e) {
      throw new EvalError(`encoding.from_yaml: ${(e as Error).message}`);
    }
  };
  const fromB64 = (a: AlloyValue[]) => (arity(a, 1), Buffer.from(str(a[0]!, "encoding.from_base64"), "base64").toString("latin1"));
  const concat = (a: AlloyValue[]) => {
    for (const x of a) if (!Array.isArray(x)) throw new EvalError(`${JSON.stringify(x)} should be array, got ${typeName(x)}`);
    return a.length === 1 ? a[0]! : (a as AlloyValue[][]).flat(1);
  };
  const nonsensitive = (a: AlloyValue[]) => (arity(a, 1), str(a[0]!, "convert.nonsensitive"));
  const lib: Record<string, AlloyValue> = {
    sys: { env: sysEnv },
    string: s,
    array: { concat },
    encoding: {
      from_json: fromJson,
      from_yaml: fromYaml,
      from_base64: fromB64,
      from_URLbase64: (a: AlloyValue[]) => (arity(a, 1), Buffer.from(str(a[0]!, "encoding.from_URLbase64"), "base64url").toString("latin1")),
      to_base64: (a: AlloyValue[]) => (arity(a, 1), Buffer.from(str(a[0]!, "encoding.to_base64")).toString("base64")),
      to_URLbase64: (a: AlloyValue[]) =>
        (arity(a, 1), Buffer.from(str(a[0]!, "encoding.to_URLbase64")).toString("base64").replace(/\+/g, "-").replace(/\//g, "_")),
      url_encode: (a: AlloyValue[]) => (arity(a, 1), encodeURIComponent(str(a[0]!, "encoding.url_encode")).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)),
      url_decode: (a: AlloyValue[]) => {
        arity(a, 1);
        try {
          return decodeURIComponent(str(a[0]!, "encoding.url_decode").replace(/\+/g, " "));
        } catch {
          throw new EvalError("encoding.url_decode: invalid URL escape");
        }
      },
      to_json: (a: AlloyValue[]) => {
        arity(a, 1);
        const v = a[0];
        if (!v || typeof v !== "object" || Array.isArray(v) || isCapsule(v) || typeof v === "function")
          throw new EvalError("encoding.to_json jsonEncode only supports map");
        return sortedJson(v);
      },
    },
    convert: { nonsensitive },
    file: { path_join: (a: AlloyValue[]) => (a.length === 0 ? "" : path.join(...a.map((x) => str(x, "file.path_join")))) },
    coalesce: (a: AlloyValue[]) => {
      for (const v of a) if (!isZero(v)) return v;
      return a.length ? a[a.length - 1]! : null;
    },
    constants: { hostname: os.hostname(), os: process.platform === "win32" ? "windows" : process.platform, arch: process.arch === "x64" ? "amd64" : process.arch, version: "v0.0.0" },
    env: sysEnv,
    nonsensitive,
    concat,
    json_decode: fromJson,
    yaml_decode: fromYaml,
    base64_decode: fromB64,
  };
  for (const [k, f] of Object.entries(s)) lib[k] = f;
  return lib;
}
