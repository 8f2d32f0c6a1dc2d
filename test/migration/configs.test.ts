/**
 * Realistic collector configurations (fixtures/migration/configs): every one converts in the hybrid dialect and
 * validates; the default mode succeeds on every configuration whose used components all have Alloy equivalents and
 * otherwise fails naming exactly those without one, each at its YAML position.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, convertOtelcolToHybrid, findDefaultMode, type ComponentKind } from "@alloy-ts/converter";
import { repoRoot } from "../support/shared.js";
import { read, validationErrors, yamlFixtures } from "./support.js";

// The converter's own YAML library, to list components independently of the conversion.
const { parse } = createRequire(path.join(repoRoot, "packages", "converter", "package.json"))("yaml") as { parse: (s: string, o?: object) => unknown };

const SECTIONS: [string, ComponentKind][] = [["receivers", "receiver"], ["processors", "processor"], ["exporters", "exporter"], ["connectors", "connector"], ["extensions", "extension"]];

interface Component {
  readonly kind: ComponentKind;
  readonly id: string;
  readonly type: string;
  readonly used: boolean;
}

/** Components defined in a configuration and whether the service uses them. */
export function components(yaml: string): Component[] {
  const doc = (parse(yaml, { merge: true }) ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const service = (doc.service ?? {}) as { extensions?: string[]; pipelines?: Record<string, Record<string, string[] | undefined>> };
  const used = new Set<string>((service.extensions ?? []).map((id) => `extension:${id}`));
  for (const p of Object.values(service.pipelines ?? {})) {
    for (const id of p.receivers ?? []) used.add(`receiver:${id}`).add(`connector:${id}`);
    for (const id of p.processors ?? []) used.add(`processor:${id}`);
    for (const id of p.exporters ?? []) used.add(`exporter:${id}`).add(`connector:${id}`);
  }
  return SECTIONS.flatMap(([section, kind]) =>
    Object.keys(doc[section] ?? {}).map((id) => ({ kind, id, type: id.split("/")[0]!, used: used.has(`${kind}:${id}`) })),
  );
}

const fixtures = yamlFixtures("configs");

describe("migration configurations", () => {
  it("has at least 40 configurations", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, file] of fixtures) {
    describe(name, () => {
      const yaml = read(file);
      const gaps = components(yaml).filter((c) => c.used && !findDefaultMode(c.kind, c.type));

      it("converts in the hybrid dialect and validates", () => {
        const r = convertOtelcolToHybrid(yaml);
        expect(r.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error")).toEqual([]);
        expect(validationErrors(r.output ?? "")).toEqual([]);
        // Exactly the components without an equivalent are carried as otel.* blocks.
        const carried = [...(r.output ?? "").matchAll(/^otel\.(\w+)\.(\w+) "/gm)].map((m) => `${m[1]}:${m[2]}`);
        expect([...new Set(carried)].sort()).toEqual([...new Set(gaps.map((g) => `${g.kind}:${g.type}`))].sort());
      });

      if (gaps.length === 0) {
        it("converts natively and validates", () => {
          const r = convertOtelcol(yaml);
          expect(r.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error")).toEqual([]);
          expect(r.output).toBeDefined();
          expect(validationErrors(r.output!)).toEqual([]);
          expect(r.output).not.toMatch(/^otel\./m);
        });
      } else {
        it("names every component without an Alloy equivalent at once, at its position", () => {
          const r = convertOtelcol(yaml);
          expect(r.output).toBeUndefined();
          const named = r.diagnostics.filter((d) => d.severity === "critical" && d.message.includes("has no Alloy equivalent"));
          expect(named.map((d) => /^(\w+) "([^"]+)"/.exec(d.message)!.slice(1).join(":")).sort()).toEqual(gaps.map((g) => `${g.kind}:${g.id}`).sort());
          for (const d of named) {
            expect(d.position).toBeDefined();
            expect(d.message).toContain("--dialect=hybrid");
            expect(d.message).toMatch(/alloy otel|alloy build/);
          }
        });
      }
    });
  }
});
