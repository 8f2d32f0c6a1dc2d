/**
 * Alloy's defaults have one source: the generated component schemas (schemas/components). Every `alloyDefault`
 * a component description states (or leaves at the zero value) is checked here against the schema's `default` for
 * the same argument, so that a converted value equal to Alloy's default is omitted and any other value is written.
 * Arguments whose schema gives no default (Alloy sets them in code the generator does not read) are listed but
 * cannot be checked; the test fails when that list grows, so a new row is checked against the schema or named.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ComponentDescription, Row } from "../../packages/converter/src/engine/description.js";
import { decode, deepEqual } from "../../packages/converter/src/engine/values.js";
import { MapSource } from "../../packages/converter/src/engine/engine.js";
import { COMPONENTS } from "../../packages/converter/src/components/registry.js";
import { NATIVE_MAPPINGS } from "../../packages/converter/src/native/table.js";
import { repoRoot } from "../support/shared.js";

interface SchemaNode {
  readonly properties?: Record<string, SchemaProp>;
}
interface SchemaProp {
  readonly "x-alloy-kind"?: "attr" | "block";
  readonly "x-alloy-type"?: string;
  readonly $ref?: string;
  readonly items?: { readonly $ref?: string };
  readonly default?: unknown;
}
interface Schema extends SchemaNode {
  readonly $defs?: Record<string, SchemaNode>;
}

function loadSchema(name: string): Schema | undefined {
  const file = path.join(repoRoot, "schemas", "components", `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Schema) : undefined;
}

interface Finding {
  readonly where: string;
  readonly problem: string;
}

/** Compares the rows of one block with the schema body of that block. */
function check(rows: readonly Row[], body: SchemaNode, schema: Schema, where: string, out: Finding[], unchecked: string[]): number {
  const props = body.properties ?? {};
  let confirmed = 0;
  for (const row of rows) {
    if ("output" in row) continue;
    const name = "attr" in row ? row.attr : "block" in row ? row.block : row.blocks;
    const prop = props[name];
    const at = `${where}.${name}`;
    if (!prop) {
      out.push({ where: at, problem: "not an argument or block of the schema" });
      continue;
    }
    if ("attr" in row) {
      if (prop["x-alloy-kind"] !== "attr") out.push({ where: at, problem: "is a block in the schema, an attribute in the description" });
      const types = ALLOY_TYPES[row.as];
      const type = prop["x-alloy-type"] ?? "";
      if (types && !types.includes(type)) out.push({ where: at, problem: `converted as ${row.as}, but the schema's type is ${type}` });
      if (row.as === "extension" || row.as === "any") continue;
      if (!("default" in prop)) {
        if (row.alloyDefault !== undefined && !row.required) unchecked.push(at);
        continue;
      }
      if (row.required) continue;
      confirmed++;
      const mine = decode(row.as, row.alloyDefault);
      const theirs = decode(row.as, prop.default);
      if (!mine.ok || !theirs.ok) {
        out.push({ where: at, problem: `default not decodable as ${row.as}: ${JSON.stringify(row.alloyDefault)} / ${JSON.stringify(prop.default)}` });
      } else if (!deepEqual(mine.value, theirs.value) && !(at.replace(/ \([^)]*\)/g, "") in KNOWN_DIFFERENCES)) {
        out.push({ where: at, problem: `alloyDefault ${JSON.stringify(row.alloyDefault ?? null)} but the schema's default is ${JSON.stringify(prop.default)}` });
      }
      continue;
    }
    const ref = prop.$ref ?? prop.items?.$ref;
    if (prop["x-alloy-kind"] !== "block" || ref === undefined) {
      out.push({ where: at, problem: "is an attribute in the schema, a block in the description" });
      continue;
    }
    const def = schema.$defs?.[ref.replace("#/$defs/", "")];
    if (def) confirmed += check(row.rows, def, schema, at, out, unchecked);
  }
  return confirmed;
}

/** The schema types (`x-alloy-type`) each conversion kind may write. */
const ALLOY_TYPES: Partial<Record<Row extends infer R ? (R extends { as: infer A } ? A & string : never) : never, readonly string[]>> = {
  string: ["string", "secret", "optional secret"],
  int: ["number"],
  float: ["number"],
  float32: ["number"],
  bool: ["bool"],
  duration: ["duration"],
  bytes: ["string"],
  mib: ["string"],
  strings: ["list(string)", "list(secret)"],
  ints: ["list(number)"],
  floats: ["list(number)"],
  durations: ["list(duration)"],
  map: ["map(string)", "map(secret)", "map(any)", "map(list(string))", "any"],
  extension: ["auth.Handler", "extension.ExtensionHandler"],
};

const descriptions: readonly ComponentDescription[] = [...COMPONENTS, ...NATIVE_MAPPINGS.filter((d) => d.alloyName !== "")];

describe("component descriptions against schemas/", () => {
  const findings: Finding[] = [];
  const unchecked: string[] = [];
  let checked = 0;
  let confirmed = 0;
  for (const d of descriptions) {
    const schema = loadSchema(d.alloyName);
    if (!schema) continue;
    checked++;
    confirmed += check(d.rows, schema, schema, `${d.alloyName} (${d.kind} ${d.otelTypes[0]})`, findings, unchecked);
    // Blocks written before the component (`local.file`, `prometheus.remote_write`), for an empty config.
    for (const extra of d.before?.(new MapSource(new Map(), [], false), "x") ?? []) {
      const extraSchema = loadSchema(extra.name);
      if (extraSchema) confirmed += check(extra.rows, extraSchema, extraSchema, `${extra.name} (before ${d.alloyName})`, findings, unchecked);
    }
  }

  it("reads the schema of every described component", () => {
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it("states Alloy's default exactly where the schema gives one", () => {
    expect(confirmed).toBeGreaterThanOrEqual(250);
    expect(findings.map((f) => `${f.where}: ${f.problem}`)).toEqual([]);
  });

  it("keeps the defaults the schemas cannot confirm to a known few", () => {
    // Alloy sets these in SetToDefault code rather than in a DefaultArguments value, so the schema generator has
    // no default for them; each is taken from Alloy's source.
    expect(unchecked.length, unchecked.join("\n")).toBeLessThanOrEqual(UNCHECKED_LIMIT);
  });
});

/**
 * Row defaults that differ from the schema's (read from Alloy's SetToDefault), by `component.block.attr`, with
 * the reason. Each is a converter difference still to be settled; remove the entry when the row agrees.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** Rows whose Alloy default the schemas do not hold; lower it when the schema generator learns more defaults. */
const UNCHECKED_LIMIT = 130;
