#!/usr/bin/env node
/**
 * Generates packages/otel/src/generated/collector-configs.ts: the shapes of the collector components whose
 * configuration upstream publishes as `config.schema.yaml` (written by the collector's schemagen from the Go
 * structs), as the collector's decoder sees them: field names (mapstructure tags), Go types, squashed embedded
 * structs (`allOf`) and `configoptional.Optional` fields (`x-optional`, decoded by their own Unmarshal).
 *
 *   node scripts/gen-collector-configs.mjs <open-telemetry/opentelemetry-collector checkout or git dir> [--check]
 *
 * `--check` writes nothing and exits 1 when the committed file differs from what the source gives.
 * Only facts are kept (names, types, which component a schema belongs to); no description text.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(root, "packages/otel/src/generated/collector-configs.ts");

/**
 * Types whose own Unmarshal accepts more than their schema says (the schema is written from the struct alone):
 * configopaque.MapList also decodes a map of names to values (config/configopaque/maplist.go, `Unmarshal`).
 */
const MAP_ACCEPTING_LISTS = new Set(["config/configopaque.map_list"]);

/**
 * Types with an Unmarshal method of their own that decodes the struct again (`conf.Unmarshal(cfg)`): field paths
 * restart inside them, as for an Optional (exporter/exporterhelper/internal/queuebatch/config.go, `Unmarshal`).
 */
const UNMARSHALERS = new Set(["exporter/exporterhelper/internal/queuebatch.config"]);

/**
 * Types decoded from text by their own UnmarshalText (mapstructure's TextUnmarshallerHookFunc), which the schema
 * cannot say: the texts each accepts and its error, `%q` being the text as Go quotes it.
 */
const TEXT_UNMARSHALERS = {
  // config/configtelemetry/configtelemetry.go, (*Level).UnmarshalText: compared in lower case.
  "configtelemetry.Level": { values: ["none", "basic", "normal", "detailed"], lower: true, error: "unknown metrics level %q" },
  // config/configcompression/compressiontype.go, (*Type).UnmarshalText.
  "configcompression.Type": { values: ["gzip", "zlib", "deflate", "snappy", "x-snappy-framed", "zstd", "lz4", "none", ""], error: "unsupported compression type %q" },
  // exporter/exporterhelper/internal/request/sizer.go, (*SizerType).UnmarshalText.
  "request.SizerType": { values: ["items", "bytes", "requests"], error: "invalid sizer: %q" },
};

/** Go's initialisms, as schemagen's snake_case names lose them (`http_config` is `HTTPConfig`). */
const INITIALISMS = new Set(["http", "grpc", "tls", "url", "id", "api", "tcp", "udp", "ip", "tpm", "cors", "uri", "json", "mib"]);

const camel = (snake) => snake.split("_").map((w) => (INITIALISMS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1))).join("");

function git(dir, ...args) {
  return execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
}

function openRepo(arg) {
  const gitDir = existsSync(path.join(arg, ".git")) ? path.join(arg, ".git") : arg;
  const commit = git(gitDir, "rev-parse", "HEAD").trim();
  const files = git(gitDir, "ls-tree", "-r", "--name-only", "HEAD").split("\n");
  return { commit, files, read: (f) => git(gitDir, "show", `HEAD:${f}`) };
}

/** `/config/configauth.config`, `./internal.option`, `keepalive_client_config` → `dir.name` keys. */
function refKey(ref, dir) {
  if (!ref.includes("/") && !ref.startsWith(".")) return `${dir}.${ref}`;
  const dot = ref.lastIndexOf(".");
  const target = ref.slice(0, dot);
  const name = ref.slice(dot + 1);
  const d = target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(dir, target));
  return `${d}.${name}`;
}

const shortGo = (t) => t.slice(t.lastIndexOf("/") + 1);

function main(argv) {
  const src = argv[2];
  if (!src) {
    console.error("usage: node scripts/gen-collector-configs.mjs <opentelemetry-collector checkout or git dir>");
    process.exit(2);
  }
  const repo = openRepo(src);
  const schemaFiles = repo.files.filter((f) => f.endsWith("/config.schema.yaml") && !f.includes("testdata") && !f.startsWith("cmd/"));
  /** Def key → raw schema node and its directory. */
  const raw = new Map();
  const components = [];
  for (const f of schemaFiles) {
    const dir = path.posix.dirname(f);
    const doc = parse(repo.read(f)) ?? {};
    for (const [name, node] of Object.entries(doc.$defs ?? {})) raw.set(`${dir}.${name}`, { dir, node, go: `${path.posix.basename(dir)}.${camel(name)}` });
    if (doc.type || doc.properties || doc.allOf) {
      // `type Config = memorylimiter.Config` (an alias): reflect names the aliased type in decode errors.
      const configGo = repo.files.includes(`${dir}/config.go`) ? repo.read(`${dir}/config.go`) : "";
      const alias = /^type Config = (\w+\.\w+)$/m.exec(configGo)?.[1];
      raw.set(dir, { dir, node: doc, go: alias ?? `${path.posix.basename(dir)}.Config` });
      const meta = repo.files.includes(`${dir}/metadata.yaml`) ? parse(repo.read(`${dir}/metadata.yaml`)) : undefined;
      if (meta?.type && meta?.status?.class) components.push({ kind: `${meta.status.class}s`, type: meta.type, config: dir, file: f });
    }
  }

  const defs = {};
  const resolving = new Set();
  /** A def key resolved through aliases (a def that is only a `$ref`), e.g. exporterhelper.queue_batch_config. */
  const canonical = (key) => {
    const r = raw.get(key);
    if (!r) throw new Error(`unresolved $ref ${key}`);
    const n = r.node;
    const onlyRef = n.$ref && !n.type && !n.properties && !n.allOf;
    return onlyRef ? canonical(refKey(n.$ref, r.dir)) : key;
  };
  const define = (key) => {
    key = canonical(key);
    if (defs[key] || resolving.has(key)) return key;
    resolving.add(key);
    const r = raw.get(key);
    const shape = shapeOf(r.node, r.dir, r.go);
    defs[key] = MAP_ACCEPTING_LISTS.has(key) && shape.kind === "list" ? { kind: "maplist", go: r.go, item: shape.item } : shape;
    if (UNMARSHALERS.has(key)) defs[key].unmarshaler = true;
    resolving.delete(key);
    return key;
  };
  const fieldOf = (node, dir) => {
    const optional = node["x-optional"] === true ? { optional: true } : {};
    if (node.$ref && !node.type && !node.properties) return { ref: define(refKey(node.$ref, dir)), ...optional };
    return { shape: shapeOf(node, dir, ""), ...optional };
  };
  const shapeOf = (node, dir, go) => {
    const s = scalarOf(node, dir, go);
    const text = "go" in s ? TEXT_UNMARSHALERS[s.go] : undefined;
    return text ? { ...s, text } : s;
  };
  const scalarOf = (node, dir, go) => {
    // A named schema is a named Go type (configtelemetry.Level); x-customType then gives its underlying type.
    const custom = go || (node["x-customType"] ? shortGo(node["x-customType"]) : undefined);
    switch (node.type) {
      case "string":
        if (node.format === "duration" || custom === "time.Duration") return { kind: "duration", go: "time.Duration" };
        return { kind: "string", go: custom ?? "string" };
      case "integer": {
        const t = custom ?? "int";
        const base = node["x-customType"] ? shortGo(node["x-customType"]) : t;
        return { kind: base.startsWith("uint") ? "uint" : "int", go: t };
      }
      case "number":
        return { kind: "float", go: custom ?? "float64" };
      case "boolean":
        return { kind: "bool", go: "bool" };
      case "array":
        return { kind: "list", item: node.items ? fieldOf(node.items, dir) : { shape: { kind: "any", go: "interface {}" } } };
      case "object":
      case undefined: {
        if (!node.properties && !node.allOf) {
          if (node.additionalProperties) return { kind: "map", value: fieldOf(node.additionalProperties, dir) };
          // A struct schemagen gave no fields (e.g. confighttp.cookies_config): its shape is not known.
          return { kind: "any", go: go || "interface {}" };
        }
        const fields = {};
        for (const [k, v] of Object.entries(node.properties ?? {})) fields[k] = fieldOf(v, dir);
        const embeds = (node.allOf ?? []).map((a) => define(refKey(a.$ref, dir)));
        return { kind: "struct", go, fields, ...(embeds.length ? { embeds } : {}) };
      }
      default:
        throw new Error(`unsupported schema type ${node.type} in ${dir}`);
    }
  };

  const out = components
    .sort((a, b) => `${a.kind}/${a.type}`.localeCompare(`${b.kind}/${b.type}`))
    .map((c) => ({ kind: c.kind, type: c.type, config: define(c.config), file: c.file }));
  const sortedDefs = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
  const text = `// Generated by scripts/gen-collector-configs.mjs from open-telemetry/opentelemetry-collector@${repo.commit}
// (the config.schema.yaml files of its components). DO NOT EDIT.
import type { CollectorComponentSchema, CollectorShape } from "../decode/shapes.js";

/** The upstream commit the shapes were read from. */
export const COLLECTOR_SCHEMA_COMMIT = ${JSON.stringify(repo.commit)};

/** Shapes by key (\`<directory>.<schema name>\`, or the directory for a component's own Config). */
export const COLLECTOR_SHAPES: Readonly<Record<string, CollectorShape>> = ${JSON.stringify(sortedDefs, null, 1)};

/** Components with a published schema: kind, type (current name) and the key of their Config shape. */
export const COLLECTOR_COMPONENT_SCHEMAS: readonly CollectorComponentSchema[] = ${JSON.stringify(out, null, 1)};
`;
  if (argv.includes("--check")) {
    const same = existsSync(OUT) && readFileSync(OUT, "utf8") === text;
    console.log(same ? `${path.relative(root, OUT)} is up to date` : `${path.relative(root, OUT)} differs from what ${src} gives: regenerate it`);
    process.exit(same ? 0 : 1);
  }
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  console.log(`${out.length} components, ${Object.keys(sortedDefs).length} shapes from ${schemaFiles.length} schema files (${repo.commit})`);
}

main(process.argv);
