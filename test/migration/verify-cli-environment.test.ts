/** `alloy verify --resource` and `--pods`: the environment reaches both sides; bad values are refused. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { cliBuilt, runAlloy } from "../support/cli.js";

const YAML = "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  resourcedetection:\n    detectors: [gcp]\n  k8sattributes:\nexporters:\n  otlp:\n    endpoint: backend:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [resourcedetection, k8sattributes]\n      exporters: [otlp]\n";

describe.skipIf(!cliBuilt)("alloy verify environment flags", () => {
  it("detected attributes and pods apply on both sides; a conversion that drops detection differs only when something is detected", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-verify-env-"));
    try {
      const yaml = path.join(dir, "c.yaml");
      writeFileSync(yaml, YAML);
      const pods = path.join(dir, "pods.json");
      writeFileSync(pods, JSON.stringify([{ ip: "10.1.1.1", name: "p", namespace: "n" }]));
      const ok = runAlloy(["verify", "--strict", "--resource", "cloud.provider=gcp", "--resource", "cloud.region=eu", "--pods", pods, yaml]);
      expect(ok.stdout).toContain("1 equivalent, 0 different, 0 unverified");
      expect(ok.code).toBe(0);
      // The Alloy side without the detectors: unnoticed when nothing is detected, different when something is.
      const alloy = path.join(dir, "c.alloy");
      writeFileSync(alloy, convertOtelcol(YAML).output!.replace('detectors = ["gcp"]', "detectors = []"));
      expect(runAlloy(["verify", yaml, "--alloy", alloy]).code).toBe(0);
      const found = runAlloy(["verify", yaml, "--alloy", alloy, "--resource", "cloud.provider=gcp"]);
      expect(found.stdout).toContain("different");
      expect(found.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses malformed values", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-verify-env-"));
    try {
      const yaml = path.join(dir, "c.yaml");
      writeFileSync(yaml, YAML);
      expect(runAlloy(["verify", yaml, "--resource", "novalue"]).stderr).toContain('invalid value "novalue" for --resource');
      const pods = path.join(dir, "pods.json");
      writeFileSync(pods, '{"ip": "x"}');
      expect(runAlloy(["verify", yaml, "--pods", pods]).stderr).toContain("expected a JSON list of pods");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
