/**
 * The validator's settings (what `alloy validate --stability.level` and `--feature.community-components.enabled`
 * decide) from three sources, the first that gives a value winning:
 *
 * 1. the editor's settings: the `alloy` section of `workspace/didChangeConfiguration` once one has come (each is the
 *    whole section: a key left out is unset), else the initialization options;
 * 2. the run-flags file of the workspace: `alloy.flags` in the workspace root, or the file the `runFlags` setting
 *    names (relative to the root), read as `alloy validate --run-flags FILE` reads it;
 * 3. Alloy's defaults (generally-available, no community components).
 *
 * As on the command line, where a flag given wins over the file.
 */
import { statSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseRunFlags, RunFlagsError, type RunFlags } from "@alloy-ts/validator";
import type { ValidationSettings } from "../service/context.js";

/** The run-flags file looked for in the workspace root when no `runFlags` setting names one. */
export const DEFAULT_RUN_FLAGS_FILE = "alloy.flags";
/** A file checked for changes at most this often when the client does not report file changes. */
const CHECK_MS = 1000;
/** A flags file is a line of arguments; anything larger is not one. */
const MAX_BYTES = 64 * 1024;

/** The settings a client sends. */
export interface ClientSettings {
  stabilityLevel?: ValidationSettings["stabilityLevel"];
  communityComponents?: boolean;
  /** Path of the run-flags file, absolute or relative to the workspace root. */
  runFlags?: string;
}

const STABILITY = new Set(["experimental", "public-preview", "generally-available"]);

/** Checks of each client setting: the error to log for a value of the wrong type, or undefined when it fits. */
const CHECKS: { readonly [K in keyof ClientSettings]-?: (v: unknown) => string | undefined } = {
  stabilityLevel: (v) => (typeof v === "string" && STABILITY.has(v) ? undefined : `stabilityLevel must be one of ${[...STABILITY].join(", ")}; got ${JSON.stringify(v)}`),
  communityComponents: (v) => (typeof v === "boolean" ? undefined : `communityComponents must be true or false; got ${JSON.stringify(v)}`),
  runFlags: (v) => (typeof v === "string" && v.trim() !== "" ? undefined : `runFlags must be the path of a file; got ${JSON.stringify(v)}`),
};

/**
 * The client settings in `raw`: values of the wrong type are reported through `log` and keep what `previous`
 * had for them.
 */
export function readClientSettings(raw: unknown, previous: ClientSettings, log: (message: string) => void): ClientSettings {
  const out: ClientSettings = {};
  if (typeof raw !== "object" || raw === null) return out;
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(CHECKS) as (keyof ClientSettings)[]) {
    if (r[key] === undefined || r[key] === null) continue;
    const error = CHECKS[key](r[key]);
    if (error) {
      log(error);
      if (previous[key] !== undefined) (out as Record<string, unknown>)[key] = previous[key];
    } else (out as Record<string, unknown>)[key] = r[key];
  }
  return out;
}

/** The `alloy` section of a `workspace/didChangeConfiguration`, or undefined when it carries none. */
export function configurationSection(settings: unknown): unknown {
  if (typeof settings !== "object" || settings === null) return undefined;
  const alloy = (settings as { alloy?: unknown }).alloy;
  if (typeof alloy === "object" && alloy !== null) return alloy;
  // The flat form (the section's keys at the top), as some clients send it.
  return Object.keys(CHECKS).some((k) => k in settings) ? settings : undefined;
}

/** The folder of the workspace from `initialize`: the first workspace folder, else `rootUri`, else `rootPath`. */
export function workspaceRoot(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null; rootPath?: string | null }): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (typeof uri === "string" && uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  return typeof params.rootPath === "string" && params.rootPath ? params.rootPath : undefined;
}

export class Settings {
  private init: ClientSettings = {};
  private configured: ClientSettings | undefined;
  private file: RunFlags = {};
  private fileState: { path: string; mtimeMs: number; size: number } | undefined;
  private checkedAt = -Infinity;
  private reportedError: string | undefined;
  root: string | undefined;

  /**
   * @param target the settings object the validator reads (written in place)
   * @param log where malformed settings are reported
   * @param warn where a run-flags file that cannot be used is reported (once per distinct problem)
   */
  constructor(
    private readonly target: ValidationSettings,
    private readonly log: (message: string) => void,
    private readonly warn: (message: string) => void,
  ) {}

  private get client(): ClientSettings {
    return this.configured ?? this.init;
  }

  /** The run-flags file in effect: the `runFlags` setting, else `alloy.flags`, in the workspace root. */
  get runFlagsPath(): string | undefined {
    const named = this.client.runFlags;
    if (named && path.isAbsolute(named)) return named;
    return this.root ? path.join(this.root, named ?? DEFAULT_RUN_FLAGS_FILE) : undefined;
  }

  /** Initialization options. Returns whether the effective settings changed. */
  applyInit(raw: unknown): boolean {
    this.init = readClientSettings(raw, this.init, this.log);
    return this.refresh(true);
  }

  /** A `workspace/didChangeConfiguration`. Returns whether the effective settings changed. */
  applyConfiguration(settings: unknown): boolean {
    const section = configurationSection(settings);
    if (section === undefined) return false;
    this.configured = readClientSettings(section, this.client, this.log);
    return this.refresh(true);
  }

  /**
   * Re-reads the run-flags file when it changed (at most once a second unless `force`), and recomputes the
   * effective settings. Returns whether they changed.
   */
  refresh(force = false): boolean {
    const now = performance.now();
    if (force || now - this.checkedAt >= CHECK_MS) {
      this.checkedAt = now;
      this.readFile();
    }
    const client = this.client;
    const next: ValidationSettings = {
      stabilityLevel: client.stabilityLevel ?? this.file.level,
      communityComponents: client.communityComponents ?? this.file.community,
    };
    const changed = next.stabilityLevel !== this.target.stabilityLevel || next.communityComponents !== this.target.communityComponents;
    this.target.stabilityLevel = next.stabilityLevel;
    this.target.communityComponents = next.communityComponents;
    return changed;
  }

  private readFile(): void {
    const file = this.runFlagsPath;
    let stat: { mtimeMs: number; size: number; isFile(): boolean } | undefined;
    try {
      stat = file ? statSync(file) : undefined;
    } catch {
      stat = undefined;
    }
    if (!file || !stat) {
      this.fileState = undefined;
      this.file = {};
      // A missing default file is the usual case; a file the settings name must exist.
      this.report(file && this.client.runFlags ? `${file}: the run-flags file named by the runFlags setting does not exist` : undefined);
      return;
    }
    const prev = this.fileState;
    if (prev && prev.path === file && prev.mtimeMs === stat.mtimeMs && prev.size === stat.size) return;
    this.fileState = { path: file, mtimeMs: stat.mtimeMs, size: stat.size };
    try {
      if (!stat.isFile() || stat.size > MAX_BYTES) throw new RunFlagsError(`${file}: not a file of Alloy's command-line flags`);
      this.file = parseRunFlags(readFileSync(file, "utf8"), file);
      this.report(undefined);
    } catch (e) {
      this.file = {};
      this.report(e instanceof RunFlagsError ? `${e.message}; the file's flags are not applied` : `${file}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private report(problem: string | undefined): void {
    if (problem && problem !== this.reportedError) this.warn(problem);
    this.reportedError = problem;
  }
}
