/**
 * `alloy playground`: serves the built page on 127.0.0.1 with its Content-Security-Policy, refuses paths outside
 * the page's folder, and fails with one clear message for a bad port or a port in use.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alloyBin, cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const built = cliBuilt && existsSync(path.join(repoRoot, "packages", "playground", "dist", "index.html"));
if (!built) console.warn("playground command.test: skipped: the playground is not built (npm run build)");

describe.skipIf(!built)("alloy playground", () => {
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    child = spawn(process.execPath, [alloyBin, "playground", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    base = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  }, 20_000);

  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("serves the page and its script with the page's policy", async () => {
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'none'");
    expect(await page.text()).toContain('<script src="playground.js"></script>');
    const script = await fetch(base + "playground.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("text/javascript");
  });

  it("serves nothing outside the page's folder, and only GET and HEAD", async () => {
    for (const p of ["%2e%2e/%2e%2e/package.json", "..%2f..%2fpackage.json", "missing.js"]) expect((await fetch(base + p)).status).toBe(404);
    expect((await fetch(base, { method: "POST", body: "x" })).status).toBe(405);
  });

  it("fails once, clearly, on a bad port", () => {
    const r = runAlloy(["playground", "--port", "http"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: invalid value "http" for --port: a number from 0 to 65535\n');
  });

  it("fails once, clearly, on a port in use", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", () => resolve()));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = runAlloy(["playground", "--port", String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Error: listen tcp 127.0.0.1:${port}: bind: address already in use (choose another with --port)\n`);
    } finally {
      busy.close();
    }
  });

  it("names what is missing when the page is not built", () => {
    const r = runAlloy(["playground"], { env: { ALLOY_PLAYGROUND_DIR: path.join(repoRoot, "does-not-exist") } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("holds no index.html");
  });
});
