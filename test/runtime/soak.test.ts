/**
 * A bounded soak of `alloy run` on 127.0.0.1: for ALLOY_SOAK_MS (default 60 s) valid OTLP/HTTP requests run beside
 * slow uploads (a body that stops arriving, cut at --request-timeout with 408) and oversized ones (413 from the
 * declared length, and a chunked body over --max-body-size). Valid requests must keep succeeding, the server's
 * resident memory must stay under a fixed bound, and after SIGTERM every acknowledged span must be in the output.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { haveBundle, identifiedRequest as request, spansInFile, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";

const SOAK_MS = Number(process.env.ALLOY_SOAK_MS ?? 60_000);
const MAX_BODY = 1024 * 1024;
const MAX_INFLIGHT = 4 * MAX_BODY;
const REQUEST_TIMEOUT_MS = 1000;
/** Resident memory may grow this much over what the server holds once started: in-flight bodies are bounded to 4 MiB. */
const RSS_GROWTH_BOUND = 128 * 1024 * 1024;

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-soak-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process, from /proc (Linux); undefined elsewhere. */
function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `head` (and optionally more bytes later via the returned socket) and collects the response text. */
function rawRequest(port: number, head: string): { socket: Socket; response: () => string; closed: Promise<void> } {
  let data = "";
  const socket = connect(port, "127.0.0.1");
  // Written now, so it is queued before any body bytes the caller writes next.
  socket.write(head);
  socket.on("data", (d) => (data += d));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, response: () => data, closed };
}

const statusOf = (response: string) => /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? "none";

describe.skipIf(!haveBundle)("alloy run soak", () => {
  it(`keeps serving valid requests for ${SOAK_MS / 1000} s beside slow and oversized ones, with bounded memory, and loses no acknowledged span`, async () => {
    const output = path.join(dir, "soak.jsonl");
    const proc = await startAlloyRun(path.join(repoRoot, "fixtures", "telemetry", "shutdown-load.alloy"), { LOAD_OUTPUT: output }, [
      "--max-body-size", String(MAX_BODY), "--max-inflight-bytes", String(MAX_INFLIGHT), "--request-timeout", String(REQUEST_TIMEOUT_MS),
    ]);
    running.push(proc);
    const port = Number(new URL(proc.url).port);
    const end = Date.now() + SOAK_MS;
    const rssStart = rssOf(proc.child.pid!);
    let rssPeak = rssStart ?? 0;
    const acknowledged = new Set<string>();
    const valid = new Map<string, number>();
    const slow = new Map<string, number>();
    const oversized = new Map<string, number>();
    const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    /** The first few responses of an unexpected kind, for the failure message. */
    const odd: string[] = [];
    const note = (m: Map<string, number>, expected: string, response: string, kind = "") => {
      const status = statusOf(response);
      if (status !== expected && odd.length < 5) odd.push(`${kind}: ${JSON.stringify(response.slice(0, 240))}`);
      count(m, status);
    };

    const sampler = (async () => {
      while (Date.now() < end) {
        rssPeak = Math.max(rssPeak, rssOf(proc.child.pid!) ?? 0);
        await sleep(250);
      }
    })();
    const validSender = async (s: number) => {
      for (let seq = 0; Date.now() < end; seq++) {
        const { body, ids } = request(s, seq, 10);
        try {
          const res = await fetch(`${proc.url}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
          await res.arrayBuffer();
          count(valid, String(res.status));
          if (res.status === 200) for (const id of ids) acknowledged.add(id);
        } catch (e) {
          count(valid, `error: ${(e as Error).message}`);
        }
        await sleep(40);
      }
    };
    // Declares 900 KB, sends a third of it, then a byte now and then: the server must cut it at the request timeout.
    const slowUploader = async () => {
      while (Date.now() < end) {
        const r = rawRequest(port, `POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-protobuf\r\ncontent-length: 900000\r\n\r\n`);
        r.socket.write(Buffer.alloc(300_000, 0x0a));
        const drip = setInterval(() => r.socket.writable && r.socket.write(Buffer.of(0x0a)), 200);
        await Promise.race([r.closed, sleep(REQUEST_TIMEOUT_MS * 10)]);
        clearInterval(drip);
        r.socket.destroy();
        note(slow, "408", r.response());
      }
    };
    const oversizedSender = async () => {
      for (let i = 0; Date.now() < end; i++) {
        if (i % 2 === 0) {
          // A declared length over the limit: refused before the body is read.
          const r = rawRequest(port, `POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-protobuf\r\ncontent-length: ${MAX_BODY * 8}\r\n\r\n`);
          await Promise.race([r.closed, sleep(REQUEST_TIMEOUT_MS * 5)]);
          r.socket.destroy();
          note(oversized, "413", r.response(), "declared");
        } else {
          // A chunked body that grows past the limit while it is read.
          const r = rawRequest(port, `POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-protobuf\r\ntransfer-encoding: chunked\r\n\r\n`);
          const chunk = Buffer.alloc(256 * 1024, 0x0a);
          for (let k = 0; k < 6 && r.socket.writable && !r.response(); k++) {
            r.socket.write(`${chunk.length.toString(16)}\r\n`);
            r.socket.write(chunk);
            r.socket.write("\r\n");
            await sleep(5);
          }
          await Promise.race([r.closed, sleep(REQUEST_TIMEOUT_MS * 5)]);
          r.socket.destroy();
          note(oversized, "413", r.response(), "chunked");
        }
        await sleep(100);
      }
    };
    await Promise.all([sampler, ...[0, 1, 2].map(validSender), slowUploader(), slowUploader(), slowUploader(), oversizedSender()]);
    expect(await proc.stop("SIGTERM")).toBe(0);

    const inFile = new Set(spansInFile(output).map((r) => r.span.spanId));
    const lost = [...acknowledged].filter((id) => !inFile.has(id));
    const summary = JSON.stringify({
      seconds: SOAK_MS / 1000, acknowledged: acknowledged.size, valid: Object.fromEntries(valid), slow: Object.fromEntries(slow), oversized: Object.fromEntries(oversized),
      rssStartMiB: rssStart === undefined ? "n/a" : +(rssStart / 1048576).toFixed(1), rssPeakMiB: +(rssPeak / 1048576).toFixed(1), odd,
    });
    console.log(`alloy run soak: ${summary}`);
    // Every valid request succeeded, every slow one was cut with 408 and every oversized one refused with 413.
    expect([...valid.keys()], summary).toEqual(["200"]);
    expect(valid.get("200")!, summary).toBeGreaterThan(SOAK_MS / 1000);
    expect([...slow.keys()], summary).toEqual(["408"]);
    expect([...oversized.keys()], summary).toEqual(["413"]);
    if (rssStart !== undefined) expect(rssPeak - rssStart, summary).toBeLessThanOrEqual(RSS_GROWTH_BOUND);
    expect(lost, summary).toEqual([]);
  }, SOAK_MS + 60_000);
});
