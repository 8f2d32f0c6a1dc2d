/** Test certificates made with the system `openssl`: a CA and a server certificate for 127.0.0.1 / localhost. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const haveOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" }).status === 0;

export interface TestCerts {
  ca: string;
  cert: string;
  key: string;
  caPem: Buffer;
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8", timeout: 20_000 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
}

/** Writes ca.crt, server.crt and server.key (P-256, valid for a day) into `dir`. */
export function makeCerts(dir: string): TestCerts {
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(dir, ["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=runtime-lite test CA", "-days", "1"]);
  openssl(dir, ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]);
  writeFileSync(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(dir, ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "1", "-extfile", "san.ext"]);
  return { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "server.crt"), key: path.join(dir, "server.key"), caPem: readFileSync(path.join(dir, "ca.crt")) };
}
