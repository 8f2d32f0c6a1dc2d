/** `alloy run` (built command, real sockets on 127.0.0.1) never logs the credentials of a URL. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alloyBin, cliBuilt } from "../support/cli.js";

const CONFIG = `otelcol.receiver.otlp "in" {
  http {}
  output {
    traces = [otelcol.exporter.otlphttp.out.input, otelcol.exporter.debug.d.input]
  }
}

otelcol.exporter.otlphttp "out" {
  client {
    endpoint = "http://user:s3cretpw@127.0.0.1:9"
  }
}

otelcol.exporter.debug "d" {
  verbosity = "detailed"
}
`;

const SPANS = JSON.stringify({
  resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "0102030405060708090a0b0c0d0e0f10", spanId: "0102030405060708", name: "s", attributes: [{ key: "db", value: { stringValue: "postgres://bob:hunter2@db/x" } }] }] }] }],
});

describe.skipIf(!cliBuilt)("alloy run logs", () => {
  it("hide URL credentials of the configuration and of the data", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-run-secrets-"));
    const file = path.join(dir, "c.alloy");
    writeFileSync(file, CONFIG);
    const child = spawn(process.execPath, [alloyBin, "run", file, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const until = async (ok: () => boolean) => {
      for (const t0 = Date.now(); !ok() && Date.now() - t0 < 20_000; ) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await until(() => /listening on (\S+)/.test(stdout));
      const url = /listening on (\S+)/.exec(stdout)![1]!;
      const r = await fetch(`${url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: SPANS });
      expect(r.status).toBe(200);
      await until(() => /otelcol\.exporter\.otlphttp\.out: Export(ing)? failed/i.test(stderr) && stderr.includes("postgres://"));
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
    expect(stderr).toMatch(/otelcol\.exporter\.otlphttp\.out: Export(ing)? failed/i);
    expect(stderr).toContain("postgres://xxxxx@db/x");
    expect(stderr + stdout).not.toMatch(/s3cretpw|hunter2/);
  });
});
