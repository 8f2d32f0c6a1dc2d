/**
 * Checked, atomic writes (io.ts) against a file system that fails on purpose: short writes, a full disk, a
 * directory where no temporary file can be created; and against the real one for links, owners and modes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic, type WriteFs } from "./io.js";
import { CliError } from "./cli-error.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "alloy-io-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** The real file system, except that writes stop after `capacity` bytes in total (a disk that fills up). */
function fillingDisk(capacity: number, opts: { chunk?: number; zeroAtEnd?: boolean } = {}): WriteFs & { written: number } {
  const fake = {
    ...fs,
    written: 0,
    writeSync: ((fd: number, buf: Uint8Array, off?: number, len?: number, pos?: number | null) => {
      const want = Math.min(len ?? buf.length, opts.chunk ?? Infinity);
      const room = capacity - fake.written;
      if (room <= 0) {
        if (opts.zeroAtEnd) return 0;
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }
      const n = fs.writeSync(fd, buf, off ?? 0, Math.min(want, room), pos);
      fake.written += n;
      return n;
    }) as typeof fs.writeSync,
  };
  return fake;
}

const tempsIn = (d: string) => fs.readdirSync(d).filter((n) => n.endsWith(".tmp"));

describe("writeFileAtomic", () => {
  it("writes every byte when the system writes a little at a time", () => {
    const f = path.join(dir, "a.alloy");
    fs.writeFileSync(f, "old");
    const data = Buffer.alloc(100_000, "x");
    writeFileAtomic(f, data, fillingDisk(Infinity, { chunk: 4096 }));
    expect(fs.readFileSync(f).equals(data)).toBe(true);
    expect(tempsIn(dir)).toEqual([]);
  });

  for (const zeroAtEnd of [false, true]) {
    it(`fails on a full disk (${zeroAtEnd ? "a write of 0 bytes" : "ENOSPC"}) and leaves the file as it was, with no temporary file`, () => {
      const f = path.join(dir, "a.alloy");
      fs.writeFileSync(f, "original contents\n");
      const data = Buffer.alloc(716_890, "y");
      const disk = fillingDisk(327_680, { chunk: 65_536, zeroAtEnd });
      expect(() => writeFileAtomic(f, data, disk)).toThrow(new CliError(`write ${f}: no space left on device`));
      expect(fs.readFileSync(f, "utf8")).toBe("original contents\n");
      expect(tempsIn(dir)).toEqual([]);
    });
  }

  it("writes in place when no temporary file can be created in the directory, and a full disk still leaves the old contents", () => {
    const f = path.join(dir, "a.alloy");
    fs.writeFileSync(f, "0123456789");
    const noTemps = (capacity: number): WriteFs => {
      const base = fillingDisk(capacity);
      return {
        ...base,
        openSync: ((p: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
          if (String(p).endsWith(".tmp")) throw Object.assign(new Error("EACCES"), { code: "EACCES" });
          return fs.openSync(p, flags, mode);
        }) as typeof fs.openSync,
      };
    };
    expect(() => writeFileAtomic(f, "a much longer replacement text", noTemps(5))).toThrow(/no space left on device/);
    expect(fs.readFileSync(f, "utf8")).toBe("0123456789");
    writeFileAtomic(f, "short", noTemps(Infinity));
    expect(fs.readFileSync(f, "utf8")).toBe("short");
    writeFileAtomic(f, "a much longer replacement text", noTemps(Infinity));
    expect(fs.readFileSync(f, "utf8")).toBe("a much longer replacement text");
  });

  it("writes through a symbolic link to its target and keeps the link", () => {
    const target = path.join(dir, "real.alloy");
    const link = path.join(dir, "link.alloy");
    fs.writeFileSync(target, "old");
    fs.symlinkSync("real.alloy", link);
    writeFileAtomic(link, "new");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).toBe("new");
    expect(tempsIn(dir)).toEqual([]);
  });

  it("keeps hard links (one inode, both names see the new contents) and the mode", () => {
    const a = path.join(dir, "a.alloy");
    const b = path.join(dir, "b.alloy");
    fs.writeFileSync(a, "old contents that are longer");
    fs.chmodSync(a, 0o640);
    fs.linkSync(a, b);
    const ino = fs.statSync(a).ino;
    writeFileAtomic(a, "new");
    expect(fs.readFileSync(b, "utf8")).toBe("new");
    expect(fs.statSync(a).ino).toBe(ino);
    expect(fs.statSync(a).mode & 0o777).toBe(0o640);
  });

  it("keeps the mode of a replaced file whatever the umask", () => {
    const f = path.join(dir, "a.alloy");
    fs.writeFileSync(f, "old");
    fs.chmodSync(f, 0o664);
    const old = process.umask(0o077);
    try {
      writeFileAtomic(f, "new");
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(f).mode & 0o777).toBe(0o664);
  });

  it("refuses a read-only file and leaves it untouched", () => {
    const f = path.join(dir, "ro.alloy");
    fs.writeFileSync(f, "old");
    fs.chmodSync(f, 0o444);
    expect(() => writeFileAtomic(f, "new")).toThrow(new CliError(`open ${f}: permission denied (the file is read-only)`));
    expect(fs.readFileSync(f, "utf8")).toBe("old");
  });

  it.skipIf(!isRoot)("keeps the owner and group of a file owned by someone else", () => {
    const f = path.join(dir, "theirs.alloy");
    fs.writeFileSync(f, "old");
    fs.chownSync(f, 4321, 4322);
    writeFileAtomic(f, "new");
    const st = fs.statSync(f);
    expect([st.uid, st.gid]).toEqual([4321, 4322]);
    expect(fs.readFileSync(f, "utf8")).toBe("new");
    expect(tempsIn(dir)).toEqual([]);
  });

  it("names the missing directory of a new file instead of an internal error", () => {
    const f = path.join(dir, "missing", "out.alloy");
    expect(() => writeFileAtomic(f, "x")).toThrow(new CliError(`open ${f}: no such file or directory (the directory ${path.dirname(f)} does not exist)`));
  });

  it.skipIf(process.platform === "win32")("writes to a device instead of replacing it (-o /dev/null)", () => {
    writeFileAtomic("/dev/null", "x");
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
