/**
 * The validator's settings in the language server: the editor's settings win, else the workspace's run-flags
 * file (read as `alloy validate --run-flags` reads it), else Alloy's defaults. Unit level here; the protocol
 * level (a real server, a real file, the same file given to `alloy validate`) in workspace.test.ts.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configurationSection, Settings, workspaceRoot } from "../../packages/lsp/src/workspace/settings.js";
import type { ValidationSettings } from "../../packages/lsp/src/service/context.js";

let dir: string;
let target: ValidationSettings;
let logged: string[];
let warned: string[];
const make = (): Settings => {
  const s = new Settings(target, (m) => logged.push(m), (m) => warned.push(m));
  s.root = dir;
  return s;
};
/** Writes the file with a modification time distinct from the previous write's. */
let tick = 1_700_000_000;
const write = (name: string, text: string): void => {
  writeFileSync(path.join(dir, name), text);
  utimesSync(path.join(dir, name), ++tick, tick);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "alloy-settings-"));
  target = {};
  logged = [];
  warned = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("Settings", () => {
  it("takes the flags of alloy.flags in the workspace root when the editor sets nothing", () => {
    write("alloy.flags", 'CUSTOM_ARGS="--stability.level=public-preview --feature.community-components.enabled"\n');
    const s = make();
    expect(s.applyInit(undefined)).toBe(true);
    expect(target).toEqual({ stabilityLevel: "public-preview", communityComponents: true });
  });

  it("lets the editor's settings win over the file, key by key, and a whole new section replace the last", () => {
    write("alloy.flags", "alloy run --stability.level=experimental --feature.community-components.enabled /etc/alloy\n");
    const s = make();
    s.applyInit({ stabilityLevel: "generally-available" });
    expect(target).toEqual({ stabilityLevel: "generally-available", communityComponents: true });
    // A configuration section is the whole section: the init option it leaves out is no longer set.
    expect(s.applyConfiguration({ alloy: { communityComponents: false } })).toBe(true);
    expect(target).toEqual({ stabilityLevel: "experimental", communityComponents: false });
    // A notification without the section (Neovim sends `settings = {}` at start) changes nothing.
    expect(s.applyConfiguration({})).toBe(false);
    expect(target).toEqual({ stabilityLevel: "experimental", communityComponents: false });
  });

  it("keeps the previous value for a setting of the wrong type, and logs it", () => {
    const s = make();
    s.applyInit({ stabilityLevel: "experimental" });
    s.applyConfiguration({ alloy: { stabilityLevel: 3, communityComponents: "yes" } });
    expect(target).toEqual({ stabilityLevel: "experimental", communityComponents: undefined });
    expect(logged).toEqual(["stabilityLevel must be one of experimental, public-preview, generally-available; got 3", 'communityComponents must be true or false; got "yes"']);
  });

  it("reads the file the runFlags setting names, relative to the root, and says when it is missing", () => {
    write("prod.env", "CUSTOM_ARGS='--stability.level experimental'\n");
    const s = make();
    s.applyInit({ runFlags: "prod.env" });
    expect(target.stabilityLevel).toBe("experimental");
    s.applyConfiguration({ alloy: { runFlags: "missing.env" } });
    expect(target.stabilityLevel).toBeUndefined();
    expect(warned).toEqual([`${path.join(dir, "missing.env")}: the run-flags file named by the runFlags setting does not exist`]);
  });

  it("re-reads the file when it changes, and warns once about a value Alloy would refuse", () => {
    write("alloy.flags", "--stability.level=experimental\n");
    const s = make();
    s.applyInit({});
    expect(target.stabilityLevel).toBe("experimental");
    write("alloy.flags", "--stability.level=beta\n");
    expect(s.refresh(true)).toBe(true);
    expect(target.stabilityLevel).toBeUndefined();
    s.refresh(true);
    expect(warned).toEqual([`${path.join(dir, "alloy.flags")}: invalid stability level "beta"; the file's flags are not applied`]);
    write("alloy.flags", "--stability.level=public-preview\n");
    // Within a second of the last look, an unforced refresh does not read the file again.
    expect(s.refresh()).toBe(false);
    expect(s.refresh(true)).toBe(true);
    expect(target.stabilityLevel).toBe("public-preview");
  });

  it("finds the workspace root from the first folder, rootUri or rootPath, and the section in either form", () => {
    expect(workspaceRoot({ workspaceFolders: [{ uri: "file:///a/b" }], rootUri: "file:///c" })).toBe("/a/b");
    expect(workspaceRoot({ rootUri: "file:///c" })).toBe("/c");
    expect(workspaceRoot({ rootUri: null, rootPath: "/d" })).toBe("/d");
    expect(workspaceRoot({ rootUri: "untitled:x" })).toBeUndefined();
    expect(configurationSection({ alloy: { stabilityLevel: "experimental" } })).toEqual({ stabilityLevel: "experimental" });
    expect(configurationSection({ stabilityLevel: "experimental" })).toEqual({ stabilityLevel: "experimental" });
    expect(configurationSection({ other: 1 })).toBeUndefined();
  });
});
